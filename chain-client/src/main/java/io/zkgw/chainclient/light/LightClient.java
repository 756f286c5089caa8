package io.zkgw.chainclient.light;

import io.zkgw.chainclient.light.VerificationError.InsufficientTrustedPower;
import io.zkgw.chainclient.light.VerificationError.MalformedHeader;
import io.zkgw.chainclient.types.LightBlock;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A light client for one chain: starting from a {@link TrustAnchor}, it verifies headers fetched from an
 * untrusted {@link LightBlockProvider} with the rules of {@link Verifier}, and keeps the verified ones.
 *
 * <ul>
 *   <li>forwards, {@link #verifyTo} skips: from the highest trusted block below the target it tries the
 *       target directly, and when too little of the trusted validators signed it
 *       ({@link InsufficientTrustedPower}) verifies the height half-way first (bisection);
 *   <li>forwards, {@link #verifySequentialTo} checks every height in between (adjacent steps);
 *   <li>backwards (a height below a trusted one), headers are checked by the hash chain of last_block_id.
 * </ul>
 * The caller passes the current time to every call; the caller persists {@link #latestTrusted()} (a new
 * trust anchor) to resume after a restart. Methods are synchronized: one verification at a time.
 */
public final class LightClient {
    /** Verified blocks kept in memory; the oldest (except the anchor) are dropped beyond this. */
    public static final int MAX_TRUSTED_BLOCKS = 1024;

    private final LightBlockProvider provider;
    private final TrustOptions options;
    private final TreeMap<Long, LightBlock> trusted = new TreeMap<>();
    private final long anchorHeight;
    private List<Long> lastTrace = List.of();

    private LightClient(LightBlockProvider provider, TrustOptions options, LightBlock anchor) {
        this.provider = provider;
        this.options = options;
        this.anchorHeight = anchor.height();
        trusted.put(anchor.height(), anchor);
    }

    /** Fetches the block at the anchor's height and accepts it only if it matches the anchor (see {@link Verifier#verifyAnchor}). */
    public static LightClient fromAnchor(LightBlockProvider provider, TrustOptions options, TrustAnchor anchor, Instant now)
            throws VerificationException, IOException, InterruptedException {
        Objects.requireNonNull(provider, "provider");
        LightBlock block = provider.lightBlock(anchor.height());
        Verifier.verifyAnchor(block, anchor, options, now);
        return new LightClient(provider, options, block);
    }

    public TrustOptions options() {
        return options;
    }

    /** The highest verified height, as an anchor to persist. */
    public synchronized TrustAnchor latestTrusted() {
        LightBlock b = trusted.lastEntry().getValue();
        return new TrustAnchor(b.height(), b.header().hash());
    }

    /** A verified block at this height, if one is held. */
    public synchronized Optional<LightBlock> trustedAt(long height) {
        return Optional.ofNullable(trusted.get(height));
    }

    /** The heights verified (in order) by the last verifying call: the bisection path, for logs and tests. */
    public synchronized List<Long> lastTrace() {
        return lastTrace;
    }

    /** Verifies the provider's latest block (skipping). */
    public LightBlock verifyLatest(Instant now) throws VerificationException, IOException, InterruptedException {
        return verifyTo(provider.latestHeight(), now);
    }

    /**
     * The block at {@code height}, verified: from memory, by skipping verification forwards from the highest
     * trusted block below it, or backwards from the lowest trusted block above it.
     */
    public synchronized LightBlock verifyTo(long height, Instant now)
            throws VerificationException, IOException, InterruptedException {
        List<Long> trace = new ArrayList<>();
        try {
            LightBlock have = trusted.get(height);
            if (have != null) {
                return have;
            }
            Map.Entry<Long, LightBlock> below = trusted.lowerEntry(height);
            Map.Entry<Long, LightBlock> above = trusted.higherEntry(height);
            // an expired base below cannot vouch for anything; a trusted block above still can, by hashes
            boolean belowUsable = below != null && !expired(below.getValue(), now);
            if (!belowUsable && above != null) {
                return backwards(height, above.getValue(), now, trace);
            }
            return skipping(below.getValue(), provider.lightBlock(height), now, trace);
        } finally {
            lastTrace = List.copyOf(trace);
        }
    }

    /** The block at {@code height}, verified by adjacent steps through every height from the highest trusted one below. */
    public synchronized LightBlock verifySequentialTo(long height, Instant now)
            throws VerificationException, IOException, InterruptedException {
        List<Long> trace = new ArrayList<>();
        try {
            LightBlock have = trusted.get(height);
            if (have != null) {
                return have;
            }
            Map.Entry<Long, LightBlock> below = trusted.lowerEntry(height);
            if (below == null) {
                return backwards(height, trusted.ceilingEntry(height).getValue(), now, trace);
            }
            LightBlock base = below.getValue();
            for (long h = base.height() + 1; h <= height; h++) {
                LightBlock next = provider.lightBlock(h);
                checkHeight(next, h);
                Verifier.verifyAdjacent(base, next, options, now);
                keep(next);
                trace.add(h);
                base = next;
            }
            return base;
        } finally {
            lastTrace = List.copyOf(trace);
        }
    }

    // CometBFT's bisection: keep a stack of unverified blocks, newest target at the bottom; try the top
    // against the current base; on "not enough trusted power" push the block half-way between.
    private LightBlock skipping(LightBlock base, LightBlock target, Instant now, List<Long> trace)
            throws VerificationException, IOException, InterruptedException {
        checkHeight(target, target.height());
        List<LightBlock> pending = new ArrayList<>();
        pending.add(target);
        while (true) {
            LightBlock candidate = pending.getLast();
            try {
                Verifier.verify(base, candidate, options, now);
            } catch (VerificationException e) {
                if (!(e.error() instanceof InsufficientTrustedPower) || candidate.height() == base.height() + 1) {
                    throw e;
                }
                long pivot = base.height() + (candidate.height() - base.height()) / 2;
                LightBlock mid = provider.lightBlock(pivot);
                checkHeight(mid, pivot);
                pending.add(mid);
                continue;
            }
            keep(candidate);
            trace.add(candidate.height());
            base = candidate;
            pending.removeLast();
            if (pending.isEmpty()) {
                return candidate;
            }
        }
    }

    private LightBlock backwards(long height, LightBlock above, Instant now, List<Long> trace)
            throws VerificationException, IOException, InterruptedException {
        Verifier.checkNotExpired(above.header(), options, now);
        LightBlock cur = above;
        for (long h = above.height() - 1; h >= height; h--) {
            LightBlock older = provider.lightBlock(h);
            checkHeight(older, h);
            Verifier.verifyBackwards(cur.header(), older, options.chainId());
            keep(older);
            trace.add(h);
            cur = older;
        }
        return cur;
    }

    private boolean expired(LightBlock b, Instant now) {
        return !b.header().time().plus(options.trustingPeriod()).isAfter(now);
    }

    private static void checkHeight(LightBlock b, long expected) throws VerificationException {
        if (b.height() != expected) {
            throw new VerificationException(new MalformedHeader(b.height(), "asked the provider for height " + expected));
        }
    }

    private void keep(LightBlock b) {
        trusted.put(b.height(), b);
        while (trusted.size() > MAX_TRUSTED_BLOCKS) {
            Map.Entry<Long, LightBlock> first = trusted.firstEntry();
            trusted.remove(first.getKey() == anchorHeight ? trusted.higherKey(first.getKey()) : first.getKey());
        }
    }
}
