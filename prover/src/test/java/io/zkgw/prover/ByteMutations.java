package io.zkgw.prover;

import java.util.SplittableRandom;

/** Mass single-byte mutations of an encoded proof, for the adversarial tests: how many mutated copies a verifier accepts. */
public final class ByteMutations {
    /** A verification of mutated bytes; returning normally means accepted. */
    @FunctionalInterface
    public interface Check {
        void verify(byte[] mutated) throws VerificationException;
    }

    private ByteMutations() {}

    /** XORs one random byte of a copy of {@code bytes} with a non-zero value, {@code count} times; returns the copies accepted. */
    public static int accepted(byte[] bytes, SplittableRandom rng, int count, Check check) {
        int accepted = 0;
        for (int m = 0; m < count; m++) {
            byte[] bad = bytes.clone();
            int at = rng.nextInt(bad.length);
            bad[at] ^= (byte) (1 + rng.nextInt(255));
            try {
                check.verify(bad);
                accepted++;
            } catch (VerificationException expected) {
                // rejected, as it must be
            }
        }
        return accepted;
    }
}
