package io.zkgw.gateway.chain;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.zkgw.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Skips the ledger's scheduled work when no ledger is configured or zkgw.chain.sync-enabled is false. */
@ApplicationScoped
public class ChainSyncDisabled implements Scheduled.SkipPredicate {
    @Inject
    GatewayConfig config;

    @Override
    public boolean test(ScheduledExecution execution) {
        return !config.chain().syncEnabled() || config.chain().rpcUrl().filter(s -> !s.isBlank()).isEmpty();
    }
}
