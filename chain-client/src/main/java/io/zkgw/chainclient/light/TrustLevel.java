package io.zkgw.chainclient.light;

import java.math.BigInteger;

/**
 * The fraction of a trusted validator set's power that must sign a header for skipping verification to
 * trust it directly. Between 1/3 (at least one honest validator, under the usual less-than-1/3-faulty
 * assumption) and 1.
 */
public record TrustLevel(long numerator, long denominator) {
    public static final TrustLevel ONE_THIRD = new TrustLevel(1, 3);
    /** The 2/3 threshold of full commit verification (not a valid skipping trust level on its own terms). */
    static final TrustLevel TWO_THIRDS = new TrustLevel(2, 3);

    public TrustLevel {
        if (denominator <= 0 || numerator <= 0 || numerator > denominator
                || BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(3)).compareTo(BigInteger.valueOf(denominator)) < 0) {
            throw new IllegalArgumentException("trust level must be within [1/3, 1], got " + numerator + "/" + denominator);
        }
    }

    /** True when {@code signed} is strictly more than this fraction of {@code total}, in CometBFT's integer
     * arithmetic ({@code signed > total * numerator / denominator}, rounding down). */
    public boolean exceededBy(long signed, long total) {
        BigInteger needed = BigInteger.valueOf(total).multiply(BigInteger.valueOf(numerator)).divide(BigInteger.valueOf(denominator));
        return BigInteger.valueOf(signed).compareTo(needed) > 0;
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
