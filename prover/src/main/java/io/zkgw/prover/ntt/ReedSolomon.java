package io.zkgw.prover.ntt;

import io.zkgw.prover.field.Goldilocks;

/**
 * Reed–Solomon code of message length k = 2^logK and block length n = 2^(logK + logInvRate) over
 * Goldilocks: a message m is read as the coefficients of m(Y) = Σ m_i Y^i and encoded as its values on
 * the coset g·⟨ω_n⟩, g = 7. Non-systematic (no interpolation step), MDS with distance n - k + 1.
 *
 * <p>The coset keeps codeword positions away from the subgroup on which data is sometimes given in
 * evaluation form; with coefficient-form messages it costs one scaling pass and changes no parameter.
 */
public final class ReedSolomon {
    /** Coset shift: the multiplicative generator. */
    public static final long SHIFT = Goldilocks.GENERATOR;

    private final int logK;
    private final int logN;
    private final long[] shiftPowers;
    private final Ntt ntt;

    private static final java.util.concurrent.ConcurrentHashMap<Integer, ReedSolomon> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** The code for these parameters, made once (its coset powers) and shared: instances are immutable. */
    public static ReedSolomon of(int logK, int logInvRate) {
        if (logK < 0 || logInvRate < 1 || logK + logInvRate > 30) {
            return new ReedSolomon(logK, logInvRate); // throws, naming the parameters
        }
        return CACHE.computeIfAbsent(logK << 8 | logInvRate, key -> new ReedSolomon(logK, logInvRate));
    }

    public ReedSolomon(int logK, int logInvRate) {
        if (logK < 0 || logInvRate < 1 || logK + logInvRate > 30) {
            throw new IllegalArgumentException("Reed-Solomon parameters out of range: logK=" + logK + " logInvRate=" + logInvRate);
        }
        this.logK = logK;
        this.logN = logK + logInvRate;
        this.ntt = Ntt.of(logN);
        int k = 1 << logK;
        this.shiftPowers = new long[k];
        long x = 1;
        for (int i = 0; i < k; i++) {
            shiftPowers[i] = x;
            x = Goldilocks.mul(x, SHIFT);
        }
    }

    public int messageLength() {
        return 1 << logK;
    }

    public int blockLength() {
        return 1 << logN;
    }

    public int logBlockLength() {
        return logN;
    }

    /** Minimum distance n - k + 1 (MDS). */
    public int distance() {
        return blockLength() - messageLength() + 1;
    }

    /** Encodes message[from .. from+k) into a fresh codeword of length n. */
    public long[] encode(long[] message, int from) {
        long[] out = new long[blockLength()];
        encodeInto(message, from, out);
        return out;
    }

    /** Encodes message[from .. from+k) into out (length n), overwriting it. */
    public void encodeInto(long[] message, int from, long[] out) {
        int k = messageLength();
        if (out.length != blockLength() || from < 0 || from + k > message.length) {
            throw new IllegalArgumentException("Reed-Solomon encode: bad lengths");
        }
        // the message is zero from k on: the transform skips the stages that would only copy it, and scales each
        // coefficient by its coset shift power as it copies it (Ntt.forwardOfLowDegree)
        ntt.forwardOfLowDegree(message, from, logK, shiftPowers, out);
    }

    /** The evaluation point of codeword position j: g·ω_n^j. */
    public long point(int j) {
        return Goldilocks.mul(SHIFT, Goldilocks.pow(Goldilocks.rootOfUnity(logN), j));
    }
}
