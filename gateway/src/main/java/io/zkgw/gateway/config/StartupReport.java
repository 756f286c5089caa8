package io.zkgw.gateway.config;

import io.quarkus.runtime.StartupEvent;
import io.zkgw.gateway.chain.Ledger;
import io.zkgw.gateway.db.GatewayDatabase;
import io.zkgw.gateway.inference.PayloadOpener;
import io.zkgw.gateway.inference.PolicyAdmission;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jboss.logging.Logger;

/** Creates the data dir and says at start-up what the gateway runs with, and what is not wired in yet. */
@jakarta.enterprise.context.ApplicationScoped
public class StartupReport {
    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    @Inject
    GatewayConfig config;

    @Inject
    GatewayDatabase database;

    @Inject
    Ledger ledger;

    @Inject
    PayloadOpener opener;

    @Inject
    PolicyAdmission policy;

    /** The ledger's limit on answers per FulfillPredictions. */
    static final int MAX_BATCH = io.zkgw.chainapp.app.Limits.MAX_BATCH_ANSWERS;

    void onStart(@Observes StartupEvent e) {
        if (!config.dataDir().isAbsolute()) {
            // the embedded database URL is built from it, and H2 refuses implicitly relative paths
            throw new IllegalStateException("zkgw.data-dir must be an absolute path, got " + config.dataDir());
        }
        int b = config.prover().batchSize();
        if (b < 1 || b > MAX_BATCH) {
            throw new IllegalStateException("zkgw.prover.batch-size must be 1.." + MAX_BATCH + ", got " + b);
        }
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot create zkgw.data-dir " + config.dataDir() + ": " + ex.getMessage(), ex);
        }
        LOG.infof("zkgw gateway: data dir %s, database %s, ONNX Runtime provider %s, prover threads %d, worker %s",
                config.dataDir().toAbsolutePath(), database.activeKind(), config.inference().executionProvider(),
                config.prover().threads(), config.worker().enabled() ? "on" : "off");
        if (!ledger.configured()) {
            LOG.warn("no ledger configured (zkgw.chain.rpc-url): proved and rejected jobs wait until one is");
        }
        if (!opener.available()) {
            LOG.warn("no provider key yet (POST /api/provider-key): received jobs wait at RECEIVED");
        }
        // load the admission rules now: a bad rule file stops the gateway here, not at the first request
        policy.rules();
    }
}
