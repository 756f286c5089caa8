package io.zkgw.gateway.inference;

import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.inference.ort.ExecutionProvider;
import io.zkgw.inference.ort.OrtWitnessRunner;
import io.zkgw.ir.IntModel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** One ONNX Runtime session per model (sessions are thread-safe), on the configured execution provider. */
@ApplicationScoped
public class OrtRunners {
    @Inject
    GatewayConfig config;

    private final Map<UUID, OrtWitnessRunner> runners = new ConcurrentHashMap<>();

    public OrtWitnessRunner runner(UUID modelId, IntModel model) {
        return runners.computeIfAbsent(modelId, k -> new OrtWitnessRunner(model,
                ExecutionProvider.parse(config.inference().executionProvider()), config.inference().threads()));
    }

    @PreDestroy
    void close() {
        runners.values().forEach(OrtWitnessRunner::close);
        runners.clear();
    }
}
