package io.zkgw.prover.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.IntOp;
import io.zkgw.ir.Witness;
import io.zkgw.prover.VerificationException;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.pcs.tensor.TensorLayout;
import io.zkgw.prover.pcs.tensor.TensorSoundness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Batches, the public encodings (D, model commitment), the requester library, and the soundness bound. */
class BatchAndCodecTest {
    record Batch(CommittedModel cm, List<RequestStatement> statement, List<Witness> witnesses, List<RequesterCommitments> requests,
            InferenceProof proof) {}

    static Batch batch(String name, int size) {
        Fixtures.Fixture f = Fixtures.get(name);
        CommittedModel cm = Fixtures.committed(name);
        List<Witness> ws = new ArrayList<>();
        List<RequesterCommitments> rqs = new ArrayList<>();
        for (int b = 0; b < size; b++) {
            long[] x = f.input(10 + b);
            ws.add(IntInterpreter.run(f.model(), x));
            rqs.add(RequesterCommitments.commit(cm.description(), x, new byte[] {(byte) b, 1}));
        }
        InferenceProof p = InferenceProver.prove(cm, ws, rqs, 3);
        List<RequestStatement> st = new ArrayList<>();
        for (int b = 0; b < size; b++) {
            st.add(new RequestStatement(rqs.get(b).input(), rqs.get(b).mask(), p.maskedOutputs().get(b)));
        }
        return new Batch(cm, st, ws, rqs, p);
    }

    @ParameterizedTest
    @CsvSource({"bc_mlp, 3", "bc_logreg, 8", "digits_cnn, 2", "digits_mlp_gap, 5"})
    void batchesProveVerifyAndBindEveryRequest(String name, int size) throws Exception {
        Batch b = batch(name, size);
        CircuitDescription d = b.cm().description();
        InferenceVerifier.verify(d, b.cm().commitment(), b.statement(), b.proof().bytes());
        for (int i = 0; i < size; i++) {
            assertArrayEquals(b.witnesses().get(i).output(), RequesterCommitments.unmask(b.proof().maskedOutputs().get(i),
                    b.requests().get(i).opening().r()));
        }
        // requests in another order, one missing, one changed: rejected
        List<RequestStatement> swapped = new ArrayList<>(b.statement());
        Collections.swap(swapped, 0, size - 1);
        assertThrows(VerificationException.class, () -> InferenceVerifier.verify(d, b.cm().commitment(), swapped, b.proof().bytes()));
        assertThrows(VerificationException.class,
                () -> InferenceVerifier.verify(d, b.cm().commitment(), b.statement().subList(0, size - 1), b.proof().bytes()));
        List<RequestStatement> changed = new ArrayList<>(b.statement());
        RequestStatement last = changed.getLast();
        long[] z = last.z();
        z[0] = Goldilocks.add(z[0], 1);
        changed.set(size - 1, new RequestStatement(last.input(), last.mask(), z));
        assertThrows(VerificationException.class, () -> InferenceVerifier.verify(d, b.cm().commitment(), changed, b.proof().bytes()));
    }

    @Test
    void aBatchWhoseRequestDoesNotMatchItsCommitmentIsRefusedNamingTheRequest() {
        Batch three = batch("bc_mlp", 3);
        CommittedModel cm = three.cm();
        RequesterCommitments good = three.requests().get(1);
        RequesterCommitments foreign = RequesterCommitments.commit(cm.description(), Fixtures.get("bc_mlp").input(40), new byte[] {7});
        for (boolean maskSwapped : new boolean[] {false, true}) {
            List<RequesterCommitments> rqs = new ArrayList<>(three.requests());
            rqs.set(1, maskSwapped ? new RequesterCommitments(good.input(), foreign.mask(), good.opening())
                    : new RequesterCommitments(foreign.input(), good.mask(), good.opening()));
            // the 2B commitments are recomputed in parallel; the mismatch is still reported for its request
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InferenceProver.prove(cm, three.witnesses(), rqs, 3));
            assertTrue(e.getMessage().startsWith("request 1 of the batch: "), e.getMessage());
            assertTrue(e.getMessage().endsWith(maskSwapped ? "commitment C_r" : "commitment C_x"), e.getMessage());
        }
        // a single request is named by what does not match only
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InferenceProver.prove(cm, three.witnesses().subList(0, 1),
                List.of(new RequesterCommitments(three.requests().get(0).input(), foreign.mask(), three.requests().get(0).opening())), 3));
        assertEquals("the mask does not match the requester's commitment C_r", e.getMessage());
    }

    @Test
    void segmentsFillThePrefixThatIsCommittedWithoutGaps() {
        // the witness is committed as the prefix [0, used) (version 6): every segment must lie inside it, and together
        // they must cover it exactly, for random segment sizes and for every fixture's witness with its pool
        SplittableRandom rng = new SplittableRandom(31);
        List<PolyLayout> layouts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int[] sizes = new int[1 + rng.nextInt(12)];
            for (int s = 0; s < sizes.length; s++) {
                sizes[s] = rng.nextInt(14);
            }
            layouts.add(PolyLayout.of(sizes));
        }
        for (String name : Fixtures.ALL) {
            for (int b : new int[] {1, 8}) {
                Circuit c = Circuit.compile(Fixtures.committed(name).description(), b);
                layouts.add(c.witnessLayout());
                layouts.add(Zk.witnessLayout(c, 11));
            }
        }
        for (PolyLayout l : layouts) {
            boolean[] covered = new boolean[l.used()];
            long sum = 0;
            for (int s = 0; s < l.segments(); s++) {
                sum += 1L << l.numVars(s);
                assertTrue(l.offset(s) + (1L << l.numVars(s)) <= l.used(), "segment " + s + " past the committed prefix");
                for (int i = 0; i < 1 << l.numVars(s); i++) {
                    assertTrue(!covered[l.offset(s) + i], "segments overlap");
                    covered[l.offset(s) + i] = true;
                }
            }
            assertEquals(sum, l.used());
            assertTrue(l.used() <= l.size() && 2L * l.used() > l.size(), "used " + l.used() + " of " + l.size());
        }
    }

    @Test
    void batchesShareTheWeightOpening() throws Exception {
        Batch one = batch("bc_mlp", 1);
        Batch eight = batch("bc_mlp", 8);
        // per-request cost is the input and mask openings and a few values; the weight opening is paid once
        int perRequest = (eight.proof().size() - one.proof().size()) / 7;
        assertTrue(perRequest < one.proof().size() / 2, "per request " + perRequest + " vs single proof " + one.proof().size());
        // a single proof does not verify as a batch of one of the eight
        assertThrows(VerificationException.class, () -> InferenceVerifier.verify(eight.cm().description(), eight.cm().commitment(),
                eight.statement().subList(0, 1), eight.proof().bytes()));
    }

    @Test
    void circuitDescriptionsEncodeCanonically() throws Exception {
        for (String name : Fixtures.ALL) {
            CircuitDescription d = CircuitDescription.of(Fixtures.get(name).model());
            byte[] enc = d.encode();
            CircuitDescription back = CircuitDescription.decode(enc);
            assertEquals(d, back);
            assertEquals(d.hash(), back.hash());
            assertArrayEquals(enc, back.encode());
            assertEquals(Fixtures.get(name).model().outputShape().length, d.outputShape().length);
            // no weights in D: shapes, accumulator bounds, and the requantisation multipliers (one per element)
            long multipliers = d.ops().stream().filter(o -> o instanceof CircuitDescription.Fixed f && f.op() instanceof IntOp.Requant)
                    .mapToLong(o -> ((IntOp.Requant) ((CircuitDescription.Fixed) o).op()).m().length).sum();
            assertTrue(enc.length < 512 + 8 * multipliers, name + " D has " + enc.length + " bytes");
            assertThrows(DecodingException.class, () -> CircuitDescription.decode(Arrays.copyOf(enc, enc.length + 1)));
            assertThrows(DecodingException.class, () -> CircuitDescription.decode(Arrays.copyOf(enc, enc.length - 1)));
            byte[] magic = enc.clone();
            magic[0] ^= 1;
            assertThrows(DecodingException.class, () -> CircuitDescription.decode(magic));
            SplittableRandom rng = new SplittableRandom(name.hashCode());
            for (int i = 0; i < 2000; i++) {
                byte[] m = enc.clone();
                int pos = rng.nextInt(m.length);
                m[pos] = (byte) (m[pos] ^ (1 + rng.nextInt(255)));
                try {
                    CircuitDescription other = CircuitDescription.decode(m);
                    assertNotEquals(d.hash(), other.hash(), "a different encoding decoded to the same D");
                } catch (DecodingException e) {
                    // refused
                }
            }
        }
    }

    @Test
    void modelCommitmentsEncodeCanonically() throws Exception {
        ModelCommitment mc = Fixtures.committed("bc_mlp").commitment();
        byte[] enc = mc.encode();
        assertEquals(ModelCommitment.ENCODED_LENGTH, enc.length);
        assertEquals(mc, ModelCommitment.decode(enc));
        assertThrows(DecodingException.class, () -> ModelCommitment.decode(Arrays.copyOf(enc, enc.length + 1)));
        assertThrows(DecodingException.class, () -> ModelCommitment.decode(Arrays.copyOf(enc, enc.length - 1)));
        byte[] v = enc.clone();
        v[0] = 0;
        assertThrows(DecodingException.class, () -> ModelCommitment.decode(v));
        // C_W is hiding: deterministic in the provider's blinding key, different under another key
        byte[] key = new byte[32];
        key[3] = 5;
        ModelCommitment k1 = CommittedModel.commit(Fixtures.get("bc_mlp").model(), key).commitment();
        assertEquals(k1, CommittedModel.commit(Fixtures.get("bc_mlp").model(), key).commitment(), "deterministic in the key");
        key[3] = 6;
        assertNotEquals(k1.weights(), CommittedModel.commit(Fixtures.get("bc_mlp").model(), key).commitment().weights());
        assertNotEquals(mc.weights(), k1.weights(), "a random key by default");
        assertEquals(mc.circuitHash(), k1.circuitHash());
        assertThrows(IllegalArgumentException.class, () -> CommittedModel.commit(Fixtures.get("bc_mlp").model(), new byte[8]));
    }

    @Test
    void requesterLibrary() {
        CircuitDescription d = Fixtures.committed("digits_cnn").description();
        long[] x = Fixtures.get("digits_cnn").input(0);
        RequesterCommitments a = RequesterCommitments.commit(d, x, new byte[] {1, 2});
        RequesterCommitments b = RequesterCommitments.commit(d, x, new byte[] {1, 2});
        assertEquals(a.input(), b.input());
        assertEquals(a.mask(), b.mask());
        assertTrue(FieldVec.allCanonical(a.opening().r()));
        assertEquals(d.outputSize(), a.opening().r().length);
        assertNotEquals(a.mask(), RequesterCommitments.commit(d, x, new byte[] {1, 3}).mask());
        // the provider's check
        a.opening().check(d, a.input(), a.mask());
        RequesterCommitments other = RequesterCommitments.commit(d, x, new byte[] {9});
        assertThrows(IllegalArgumentException.class, () -> a.opening().check(d, a.input(), other.mask()));
        long[] y = x.clone();
        y[0] = y[0] == d.inHi() ? y[0] - 1 : y[0] + 1;
        assertThrows(IllegalArgumentException.class,
                () -> new RequesterCommitments.RequesterOpening(y, a.opening().r(), a.opening().blinding()).check(d, a.input(), a.mask()));
        // the commitments hide: same x and r under other blinding give other commitments, and the opening
        // with the wrong blinding does not match
        byte[] otherBlinding = a.opening().blinding();
        otherBlinding[0] ^= 1;
        assertThrows(IllegalArgumentException.class,
                () -> new RequesterCommitments.RequesterOpening(x, a.opening().r(), otherBlinding).check(d, a.input(), a.mask()));
        RequesterCommitments explicit = RequesterCommitments.commit(d, x, a.opening().r());
        assertNotEquals(a.input(), explicit.input(), "commit(D, x, r) draws fresh blinding");
        explicit.opening().check(d, explicit.input(), explicit.mask());
        // inputs outside the model's range, masks of the wrong length or non-canonical: refused
        long[] out = x.clone();
        out[3] = d.inHi() + 1;
        assertThrows(IllegalArgumentException.class, () -> RequesterCommitments.commit(d, out, new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RequesterCommitments.commit(d, x, new long[d.outputSize() + 1]));
        long[] nonCanonical = new long[d.outputSize()];
        nonCanonical[0] = Goldilocks.P;
        assertThrows(IllegalArgumentException.class, () -> RequesterCommitments.commit(d, x, nonCanonical));
        // unmask inverts z = y + r
        long[] r = a.opening().r();
        long[] yv = {-32768, 0, 32767, -1, 5, 6, 7, 8, 9, 10};
        long[] z = new long[r.length];
        for (int i = 0; i < r.length; i++) {
            z[i] = Goldilocks.add(Goldilocks.fromSigned(yv[i]), r[i]);
        }
        assertArrayEquals(yv, RequesterCommitments.unmask(z, r));
    }

    @Test
    void soundnessBoundIsAtLeastOneHundredBitsForEveryBatchSize() {
        for (String name : Fixtures.ALL) {
            CircuitDescription d = CircuitDescription.of(Fixtures.get(name).model());
            for (int b : new int[] {1, 2, 3, 8, 64, 512, Circuit.MAX_BATCH}) {
                Soundness s = Soundness.of(d, b);
                assertTrue(s.protocolBits() > Soundness.TARGET_BITS, name + " B=" + b + ": " + s);
                // four openings (witness, weights, all C_x jointly, all C_r jointly), whatever B is
                assertTrue(s.pcsBits() > 100, name + " B=" + b + ": " + s);
                assertTrue(s.totalBits() >= Soundness.TARGET_BITS && s.totalBits() <= Math.min(s.pcsBits(), s.protocolBits()),
                        name + " B=" + b + ": " + s);
                s.requireTarget(b);
            }
        }
    }

    /**
     * The default proof budget keeps every fixture's C_W at a codeword of 2^13, and is the largest that does for
     * the three with 2^11 and 2^12 weights: one more and their per-proof weight masks and each epoch's commitment
     * double (docs/inference-proofs.md §11 (c)). Fails if t, the rate rule or the width rule moves that step.
     */
    @Test
    void theDefaultBudgetIsTheLargestBeforeTheWeightCodewordDoubles() {
        int k = ModelCommitment.DEFAULT_PROOF_BUDGET;
        int doubled = 0;
        for (String name : Fixtures.ALL) {
            Circuit c = Circuit.compile(CircuitDescription.of(Fixtures.get(name).model()), 1);
            TensorLayout atDefault = ProofMode.ZERO_KNOWLEDGE.weightCommitmentLayout(c, k);
            assertEquals(1 << 13, atDefault.blockLength(), name);
            assertTrue(TensorSoundness.errorBits(atDefault, 1) >= 104, name);
            if (ProofMode.ZERO_KNOWLEDGE.weightCommitmentLayout(c, k + 1).blockLength() == 1 << 14) {
                assertTrue(Zk.weightLayout(c, k).totalVars() >= 11, name);
                doubled++;
            }
        }
        // bc_logreg and bc_mlp (2^6 and 2^10 weights; the width rule narrows bc_mlp to k = 128) fit K = 12 too
        assertEquals(3, doubled);
    }

    @Test
    void aConfigurationUnderTheTargetIsRefusedWithBAndTheBitsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Soundness(99.5, 99.8, 99.31).requireTarget(64));
        assertTrue(e.getMessage().contains("B = 64") && e.getMessage().contains("99.31") && e.getMessage().contains("100-bit"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Soundness(Double.NaN, 120, Double.NaN).requireTarget(1));
    }
}
