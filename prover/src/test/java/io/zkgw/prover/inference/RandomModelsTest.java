package io.zkgw.prover.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import io.zkgw.ir.Witness;
import io.zkgw.ir.Shapes;
import io.zkgw.ir.Window2d;
import io.zkgw.prover.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hand-built integer models with what the fixtures lack: Clamp, strided and asymmetrically padded
 * convolutions, padded max and sum pools with per-position multipliers, lo = hi, k = 1, int16
 * activations, a Requant straight on the input. Each is proved and verified (B = 1 and 3), and a witness
 * with one op output changed is rejected.
 */
class RandomModelsTest {
    static long[] randomInts(SplittableRandom r, int n, int lo, int hi) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + r.nextInt(hi - lo + 1);
        }
        return v;
    }

    /** A Requant whose multiplier maps the accumulator range to roughly ±2^outBits, saturating sometimes. */
    static IntOp.Requant requant(SplittableRandom r, int[] shape, long accBound, long lo, long hi, boolean perElement) {
        int n = Shapes.size(shape);
        long target = Math.max(1, Math.max(Math.abs(lo), Math.abs(hi)));
        int k = 20;
        long base = Math.max(1, (target << k) / Math.max(1, accBound) * 3 / 2);
        long[] m = new long[n];
        long common = base + r.nextInt((int) Math.min(base, 1 << 20) + 1);
        for (int i = 0; i < n; i++) {
            m[i] = Math.min((1L << 31) - 1, perElement ? base + r.nextInt((int) Math.min(base, 1 << 20) + 1) : common);
        }
        return new IntOp.Requant(shape, m, k, lo, hi);
    }

    static IntModel model(int variant, SplittableRandom r) {
        List<IntOp> ops = new ArrayList<>();
        switch (variant) {
            case 0 -> {
                // Conv (stride 2, asymmetric padding) → Requant → MaxPool (padded) → Clamp → SumPool (padded, per-position M)
                // → Requant → Reshape → Dense → Requant int16
                Window2d cw = new Window2d(2, 7, 6, 3, 2, 2, 1, 1, 0, 2, 1);
                ops.add(new IntOp.Conv(cw, 3, randomInts(r, 3 * 2 * 3 * 2, -127, 127), randomInts(r, 3, -3000, 3000)));
                int[] s1 = {3, cw.outH(), cw.outW()};
                ops.add(requant(r, s1, 127L * 128 * 12 + 3000, 0, 127, false));
                Window2d mw = new Window2d(3, cw.outH(), cw.outW(), 3, 3, 2, 2, 1, 1, 1, 1);
                ops.add(new IntOp.MaxPool(mw));
                int[] s2 = {3, mw.outH(), mw.outW()};
                ops.add(new IntOp.Clamp(s2, -5, 60));
                Window2d sw = new Window2d(3, mw.outH(), mw.outW(), 2, 2, 1, 1, 0, 1, 1, 0);
                ops.add(new IntOp.SumPool(sw));
                int[] s3 = {3, sw.outH(), sw.outW()};
                ops.add(requant(r, s3, 240, -128, 127, true));
                int flat = Shapes.size(s3);
                ops.add(new IntOp.Reshape(s3, new int[] {flat}));
                ops.add(new IntOp.Dense(flat, 4, randomInts(r, 4 * flat, -127, 127), randomInts(r, 4, -500, 500)));
                ops.add(requant(r, new int[] {4}, 127L * 128 * flat, -32768, 32767, true));
            }
            case 1 -> {
                // Clamp on the input → Dense → Requant with lo = hi → Dense → Requant k = 1
                ops.add(new IntOp.Clamp(new int[] {5}, -3, 3));
                ops.add(new IntOp.Dense(5, 3, randomInts(r, 15, -127, 127), randomInts(r, 3, -100, 100)));
                ops.add(requant(r, new int[] {3}, 127 * 3 * 5 + 100, 7, 7, false));
                ops.add(new IntOp.Dense(3, 2, randomInts(r, 6, -127, 127), randomInts(r, 2, -10, 10)));
                ops.add(new IntOp.Requant(new int[] {2}, new long[] {1, 3}, 1, -2000, 2000));
            }
            case 2 -> {
                // Requant straight on the input → GlobalSumPool → Requant → Reshape → Dense (int16 activations)
                int[] s = {3, 4, 5};
                ops.add(new IntOp.Requant(s, randomInts(r, 60, 1, 1 << 12), 10, -100, 100));
                ops.add(new IntOp.GlobalSumPool(3, 4, 5));
                ops.add(requant(r, new int[] {3, 1, 1}, 2000, -32768, 32767, true));
                ops.add(new IntOp.Reshape(new int[] {3, 1, 1}, new int[] {3}));
                ops.add(new IntOp.Dense(3, 6, randomInts(r, 18, -127, 127), randomInts(r, 6, -1 << 20, 1 << 20)));
                ops.add(requant(r, new int[] {6}, 127L * 3 * 32768 + (1 << 20), -32768, 32767, false));
            }
            default -> {
                // 1-channel conv without padding, max pool without padding, conv 1x1, dense to one output
                Window2d c1 = new Window2d(1, 9, 9, 3, 3, 1, 1, 0, 0, 0, 0);
                ops.add(new IntOp.Conv(c1, 4, randomInts(r, 36, -127, 127), randomInts(r, 4, -1000, 1000)));
                ops.add(requant(r, new int[] {4, 7, 7}, 127L * 128 * 9 + 1000, 0, 127, false));
                Window2d mp = new Window2d(4, 7, 7, 2, 2, 2, 2, 0, 0, 0, 0);
                ops.add(new IntOp.MaxPool(mp));
                Window2d c2 = new Window2d(4, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0);
                ops.add(new IntOp.Conv(c2, 2, randomInts(r, 8, -127, 127), randomInts(r, 2, -50, 50)));
                ops.add(requant(r, new int[] {2, 3, 3}, 127L * 127 * 4 + 50, -128, 127, true));
                ops.add(new IntOp.Reshape(new int[] {2, 3, 3}, new int[] {18}));
                ops.add(new IntOp.Dense(18, 1, randomInts(r, 18, -127, 127), randomInts(r, 1, -50, 50)));
                ops.add(requant(r, new int[] {1}, 127L * 128 * 18 + 50, -32768, 32767, false));
            }
        }
        int[] in = switch (variant) {
            case 0 -> new int[] {2, 7, 6};
            case 1 -> new int[] {5};
            case 2 -> new int[] {3, 4, 5};
            default -> new int[] {1, 9, 9};
        };
        long inLo = variant == 2 ? -32768 : -128;
        long inHi = variant == 2 ? 32767 : 127;
        return new IntModel(in, inLo, inHi, ops);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 10, 11, 12, 13})
    void provesVerifiesAndRejectsAWrongWitness(int seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        IntModel m = model(seed % 10, r);
        CommittedModel cm = CommittedModel.commit(m);
        CircuitDescription d = cm.description();
        List<Witness> ws = new ArrayList<>();
        List<RequesterCommitments> rqs = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            long[] x = randomInts(r, d.inputSize(), (int) d.inLo(), (int) d.inHi());
            ws.add(IntInterpreter.run(m, x));
            rqs.add(RequesterCommitments.commit(d, x, new byte[] {(byte) seed, (byte) b}));
        }
        for (int batch : new int[] {1, 3}) {
            InferenceProof p = InferenceProver.prove(cm, ws.subList(0, batch), rqs.subList(0, batch), seed);
            List<RequestStatement> st = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                st.add(new RequestStatement(rqs.get(b).input(), rqs.get(b).mask(), p.maskedOutputs().get(b)));
                assertArrayEquals(ws.get(b).output(), RequesterCommitments.unmask(p.maskedOutputs().get(b), rqs.get(b).opening().r()));
            }
            InferenceVerifier.verify(d, cm.commitment(), st, p.bytes());
        }
        Witness honest = ws.getFirst();
        for (int op = 0; op < m.ops().size(); op++) {
            if (m.ops().get(op) instanceof IntOp.Reshape) {
                continue;
            }
            List<long[]> outs = new ArrayList<>(honest.outputs());
            long[] o = outs.get(op).clone();
            o[r.nextInt(o.length)] -= 1;
            outs.set(op, o);
            InferenceProof bad = InferenceProver.prove(cm, List.of(new Witness(honest.input(), outs)), List.of(rqs.getFirst()), seed, false,
                    null);
            assertThrows(VerificationException.class, () -> InferenceVerifier.verify(d, cm.commitment(), rqs.getFirst().input(),
                    rqs.getFirst().mask(), bad.maskedOutputs().getFirst(), bad.bytes()), "op " + op + " changed");
        }
    }
}
