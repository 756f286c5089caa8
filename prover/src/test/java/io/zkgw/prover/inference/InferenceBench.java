package io.zkgw.prover.inference;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.Witness;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures proof size, prove and verify time per fixture and batch size (a main, not a unit test):
 * {@code java -cp ... io.zkgw.prover.inference.InferenceBench [fixture ...] [--batch 1,8,64] [--reps N]}.
 * Times are medians of N runs after warm-up, on this machine.
 */
public final class InferenceBench {
    private InferenceBench() {}

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        int[] batches = {1};
        int reps = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> batches = java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                default -> names.add(args[i]);
            }
        }
        if (names.isEmpty()) {
            names = Fixtures.ALL;
        }
        System.out.printf("%-15s %5s %6s %10s %12s %12s %12s %10s%n", "model", "B", "params", "proof B", "commit ms", "prove ms",
                "prove/inf ms", "verify ms");
        for (String name : names) {
            Fixtures.Fixture f = Fixtures.get(name);
            long c0 = System.nanoTime();
            CommittedModel cm = CommittedModel.commit(f.model());
            double commitMs = (System.nanoTime() - c0) / 1e6;
            for (int batch : batches) {
                List<Witness> ws = new ArrayList<>();
                List<RequesterCommitments> rqs = new ArrayList<>();
                List<RequestStatement> st = new ArrayList<>();
                for (int b = 0; b < batch; b++) {
                    long[] x = f.input(b % f.test().rows());
                    ws.add(IntInterpreter.run(f.model(), x));
                    rqs.add(RequesterCommitments.commit(cm.description(), x, new byte[] {(byte) b, (byte) (b >> 8)}));
                }
                InferenceProof proof = null;
                double[] pt = new double[reps];
                double[] vt = new double[reps];
                for (int r = -Math.max(2, reps / 2); r < reps; r++) {
                    long t0 = System.nanoTime();
                    proof = InferenceProver.prove(cm, ws, rqs, 1);
                    long t1 = System.nanoTime();
                    if (st.isEmpty()) {
                        for (int b = 0; b < batch; b++) {
                            st.add(new RequestStatement(rqs.get(b).input(), rqs.get(b).mask(), proof.maskedOutputs().get(b)));
                        }
                    }
                    long t2 = System.nanoTime();
                    InferenceVerifier.verify(cm.description(), cm.commitment(), st, proof.bytes());
                    long t3 = System.nanoTime();
                    if (r >= 0) {
                        pt[r] = (t1 - t0) / 1e6;
                        vt[r] = (t3 - t2) / 1e6;
                    }
                }
                double p = median(pt);
                System.out.printf("%-15s %5d %6d %10d %12.1f %12.1f %12.2f %10.2f%n", name, batch, f.model().parameterCount(), proof.size(),
                        commitMs, p, p / batch, median(vt));
            }
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
