package io.zkgw.prover.hash;

/**
 * A deterministic generator of blinding randomness from a secret seed and a domain: bytes, and uniform
 * canonical field elements (u64 little-endian words rejection-sampled below p). Not thread-safe.
 */
public interface Prg {
    void nextBytes(byte[] out, int off, int len);

    default byte[] nextBytes(int len) {
        byte[] out = new byte[len];
        nextBytes(out, 0, len);
        return out;
    }

    /** A uniform canonical field element. */
    long nextField();

    default long[] nextFields(int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = nextField();
        }
        return out;
    }
}
