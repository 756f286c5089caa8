package io.zkgw.prover.kat;

import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.hash.Sha256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Deterministic field elements for known-answer vectors: SHA-256(seed || u64 counter) read as
 * little-endian words, rejection-sampled below p. Defined here, not by a JDK generator, so that the
 * vectors depend on nothing but this file and the protocol.
 */
final class KatRandom {
    private final byte[] seed;
    private long counter;
    private ByteBuffer block = ByteBuffer.allocate(0);

    KatRandom(String seed) {
        this.seed = seed.getBytes(StandardCharsets.UTF_8);
    }

    long next() {
        while (true) {
            if (block.remaining() < 8) {
                byte[] in = ByteBuffer.allocate(seed.length + 8).order(ByteOrder.LITTLE_ENDIAN).put(seed).putLong(counter++).array();
                block = ByteBuffer.wrap(Sha256.hash(in)).order(ByteOrder.LITTLE_ENDIAN);
            }
            long w = block.getLong();
            if (Goldilocks.isCanonical(w)) {
                return w;
            }
        }
    }

    long[] elements(int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = next();
        }
        return out;
    }

    ExtVector point(int n) {
        return ExtVector.of(elements(n), elements(n));
    }
}
