package io.zkgw.gateway.health;

import io.zkgw.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Chain RPC reachability: GET {rpc}/health on the configured CometBFT node (the only outbound traffic
 * the gateway makes). Without a configured ledger the check is UP with "configured: false": the
 * gateway can register datasets and models without a ledger.
 */
@Readiness
@ApplicationScoped
public class ChainHealthCheck implements HealthCheck {
    @Inject
    GatewayConfig config;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public HealthCheckResponse call() {
        var rpc = config.chain().rpcUrl().filter(s -> !s.isBlank());
        if (rpc.isEmpty()) {
            return HealthCheckResponse.named("chain").up().withData("configured", false).build();
        }
        String url = rpc.get().replaceAll("/+$", "") + "/health";
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            var b = HealthCheckResponse.named("chain").withData("configured", true).withData("rpc", rpc.get())
                    .withData("http-status", r.statusCode());
            return (r.statusCode() == 200 ? b.up() : b.down()).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return HealthCheckResponse.named("chain").down().withData("configured", true).withData("rpc", rpc.get())
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
