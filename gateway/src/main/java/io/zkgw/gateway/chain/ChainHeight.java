package io.zkgw.gateway.chain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;

/**
 * The ledger's latest height, asked at most once a second: the worker checks every job's deadline before
 * each step and should not cost an RPC each time. Empty without a ledger or while it is unreachable.
 */
@ApplicationScoped
public class ChainHeight {
    private static final long TTL_NANOS = 1_000_000_000L;

    @Inject
    Ledger ledger;

    private long height;
    private long readAt;
    private boolean known;

    public synchronized OptionalLong latest() {
        if (!ledger.configured()) {
            return OptionalLong.empty();
        }
        long now = System.nanoTime();
        if (!known || now - readAt > TTL_NANOS) {
            try {
                height = ledger.latestHeight();
                known = true;
                readAt = now;
            } catch (Ledger.ChainUnavailable e) {
                return known ? OptionalLong.of(height) : OptionalLong.empty();
            }
        }
        return OptionalLong.of(height);
    }
}
