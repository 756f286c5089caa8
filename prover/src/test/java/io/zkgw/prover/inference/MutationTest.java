package io.zkgw.prover.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.prover.VerificationException;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.field.Goldilocks;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random byte mutations and malformed encodings of valid proofs: none is accepted. */
class MutationTest {
    static final int MUTATIONS = 10_000;

    record Case(Circuit circuit, ModelCommitment model, List<RequestStatement> statement, byte[] proof) {
        void verify(byte[] bytes) throws VerificationException {
            InferenceVerifier.verify(circuit, model, statement, bytes);
        }
    }

    static Case validCase(String name) throws VerificationException {
        Fixtures.Fixture f = Fixtures.get(name);
        CommittedModel cm = Fixtures.committed(name);
        long[] x = f.input(6);
        RequesterCommitments rq = RequesterCommitments.commit(cm.description(), x, new byte[] {6});
        InferenceProof p = InferenceProver.prove(cm, IntInterpreter.run(f.model(), x), rq, 99);
        Case c = new Case(Circuit.compile(cm.description(), 1), cm.commitment(),
                List.of(new RequestStatement(rq.input(), rq.mask(), p.maskedOutputs().getFirst())), p.bytes());
        c.verify(c.proof());
        return c;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc_logreg", "bc_mlp", "diabetes_reg", "digits_cnn", "digits_mlp_gap"})
    void randomByteMutationsAreAllRejected(String name) throws Exception {
        Case c = validCase(name);
        byte[] proof = c.proof();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger undecodable = new AtomicInteger();
        IntStream.range(0, MUTATIONS).parallel().forEach(i -> {
            SplittableRandom rng = new SplittableRandom(0x5EED_0000L + i);
            byte[] m = proof.clone();
            // one to three bytes replaced by different values, positions uniform over the proof
            int count = 1 + (i % 3 == 0 ? rng.nextInt(3) : 0);
            for (int k = 0; k < count; k++) {
                int pos = rng.nextInt(m.length);
                m[pos] = (byte) (m[pos] ^ (1 + rng.nextInt(255)));
            }
            try {
                c.verify(m);
                accepted.incrementAndGet();
            } catch (DecodingException e) {
                undecodable.incrementAndGet();
            } catch (VerificationException e) {
                // rejected
            }
        });
        assertEquals(0, accepted.get(), "accepted mutants of the " + proof.length + "-byte proof of " + name);
        // (most mutants decode — field elements rarely become ≥ p — and fail a check; decoding failures
        // are exercised deterministically in malformedEncodingsAreRejected)
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc_mlp", "digits_cnn"})
    void malformedEncodingsAreRejected(String name) throws Exception {
        Case c = validCase(name);
        byte[] proof = c.proof();
        for (int cut : new int[] {0, 1, 9, 41, proof.length / 3, proof.length / 2, proof.length - 1}) {
            assertThrows(VerificationException.class, () -> c.verify(Arrays.copyOf(proof, cut)), "truncated to " + cut);
        }
        for (int extra : new int[] {1, 8, 100}) {
            DecodingException e = assertThrows(DecodingException.class, () -> c.verify(Arrays.copyOf(proof, proof.length + extra)));
            assertTrue(e.getMessage().contains("trailing"), e.getMessage());
        }
        byte[] v = proof.clone();
        v[0] = (byte) (Protocol.VERSION + 1);
        DecodingException e = assertThrows(DecodingException.class, () -> c.verify(v));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
        // the first field element after seed, pool size (u8), witness root, weight-masks root and final-mask root
        // (offset 1 + 8 + 1 + 32 + 32 + 32) replaced by an alias ≥ p
        int at = 106;
        long value = readLong(proof, at);
        byte[] alias = proof.clone();
        writeLong(alias, at, Long.compareUnsigned(value, 0xFFFF_FFFFL) < 0 ? value + Goldilocks.P : Goldilocks.P);
        e = assertThrows(DecodingException.class, () -> c.verify(alias));
        assertTrue(e.getMessage().contains("non-canonical"), e.getMessage());
        // a PCS opening's length prefix off by one either way
        int lastBlob = lastBlobOffset(c, proof);
        for (int delta : new int[] {-1, 1}) {
            byte[] m = proof.clone();
            writeInt(m, lastBlob, readInt(proof, lastBlob) + delta);
            assertThrows(VerificationException.class, () -> c.verify(m));
        }
        // the seed is bound: another seed with the same messages fails
        byte[] seed = proof.clone();
        seed[1] ^= 1;
        assertThrows(VerificationException.class, () -> c.verify(seed));
        // the pool size is bound and must fit the masks: one smaller (masks do not fit) or larger (another layout) fails
        for (int delta : new int[] {-1, 1}) {
            byte[] pool = proof.clone();
            pool[9] = (byte) (pool[9] + delta);
            assertThrows(VerificationException.class, () -> c.verify(pool));
        }
        byte[] huge = proof.clone();
        huge[9] = (byte) (Zk.MAX_POOL_VARS + 1);
        assertThrows(VerificationException.class, () -> c.verify(huge));
    }

    /** Offset of the length prefix of the last PCS opening (the mask opening), found by walking back. */
    static int lastBlobOffset(Case c, byte[] proof) {
        for (int at = proof.length - 5; at > 0; at--) {
            if (readInt(proof, at) == proof.length - at - 4) {
                return at;
            }
        }
        throw new IllegalStateException("no length prefix found");
    }

    static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    static void writeLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static int readInt(byte[] b, int at) {
        return (int) (readLong(Arrays.copyOf(Arrays.copyOfRange(b, at, at + 4), 8), 0));
    }

    static void writeInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
