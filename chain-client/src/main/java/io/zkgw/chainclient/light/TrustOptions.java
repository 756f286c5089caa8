package io.zkgw.chainclient.light;

import java.time.Duration;
import java.util.Objects;

/**
 * How much the light client trusts: the chain it follows, for how long a verified header may serve as a
 * base (the trusting period: keep it well below the unbonding period of the chain's validators), the
 * trust level for skipping verification, and how far a header's time may run ahead of the caller's clock.
 */
public record TrustOptions(String chainId, Duration trustingPeriod, TrustLevel trustLevel, Duration maxClockDrift) {
    /** Two weeks: CometBFT's usual choice (two thirds of a three-week unbonding period). */
    public static final Duration DEFAULT_TRUSTING_PERIOD = Duration.ofDays(14);
    public static final Duration DEFAULT_MAX_CLOCK_DRIFT = Duration.ofSeconds(10);

    public TrustOptions {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(trustingPeriod, "trustingPeriod");
        Objects.requireNonNull(trustLevel, "trustLevel");
        Objects.requireNonNull(maxClockDrift, "maxClockDrift");
        if (trustingPeriod.isNegative() || trustingPeriod.isZero()) {
            throw new IllegalArgumentException("trusting period must be positive");
        }
        if (maxClockDrift.isNegative()) {
            throw new IllegalArgumentException("max clock drift must not be negative");
        }
    }

    public static TrustOptions defaults(String chainId) {
        return new TrustOptions(chainId, DEFAULT_TRUSTING_PERIOD, TrustLevel.ONE_THIRD, DEFAULT_MAX_CLOCK_DRIFT);
    }

    public TrustOptions withTrustingPeriod(Duration d) {
        return new TrustOptions(chainId, d, trustLevel, maxClockDrift);
    }

    public TrustOptions withChainId(String c) {
        return new TrustOptions(c, trustingPeriod, trustLevel, maxClockDrift);
    }

    public TrustOptions withTrustLevel(TrustLevel l) {
        return new TrustOptions(chainId, trustingPeriod, l, maxClockDrift);
    }
}
