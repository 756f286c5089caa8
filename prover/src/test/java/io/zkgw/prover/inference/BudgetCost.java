package io.zkgw.prover.inference;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.prover.pcs.tensor.TensorLayout;
import io.zkgw.prover.pcs.tensor.TensorSoundness;
import java.util.List;

/**
 * The cost of C_W's proof budget K (docs/inference-proofs.md §11): layout figures from the public layout for
 * any size of weight polynomial, and for fixtures a real commitment and proof per K.
 * {@code java -cp ... io.zkgw.prover.inference.BudgetCost [fixture ...]}.
 */
public final class BudgetCost {
    private BudgetCost() {}

    public static void main(String[] args) throws Exception {
        System.out.println("| weights | nW | K | cols | rows | message K_msg | codeword N | C_W codewords MiB | weight opening KiB (est.) | PCS bits |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String what : new String[] {"bc_mlp", "1M"}) {
            int nW = what.equals("1M") ? 21 : Zk.weightLayout(Circuit.compile(Fixtures.get(what).model() == null ? null
                    : CircuitDescription.of(Fixtures.get(what).model()), 1), 1).totalVars();
            for (int k : new int[] {1, 16, 256, 1024}) {
                int vars = what.equals("1M") ? nW + (Zk.blindingVars(k) > nW ? 1 : 0)
                        : Zk.weightLayout(Circuit.compile(CircuitDescription.of(Fixtures.get(what).model()), 1), k).totalVars();
                // C_W as proofs lay it out: padding for K proofs and the two epoch links
                TensorLayout l = TensorLayout.of(ProofMode.ZERO_KNOWLEDGE.weightParams(k), List.of(vars));
                int rows = l.totalRows();
                int t = l.params().numQueries();
                double codewords = (double) rows * l.blockLength() * 8 / (1 << 20);
                int logN = l.logBlockLength();
                int logT = 32 - Integer.numberOfLeadingZeros(t - 1);
                // rows u_0, u_1 and Y; columns of C_W and the fresh masks commitment; salts; two multiproofs
                double open = 16 + 2.0 * 16 * l.messageLength() + (double) t * (rows + TensorLayout.MASK_ROWS) * 8 + t * 2 * 16
                        + 2.0 * t * Math.max(1, logN - logT + 1) * 32;
                System.out.printf(java.util.Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %.1f | %.0f | %.1f |%n", what, vars, k, l.cols(),
                        rows, l.messageLength(), l.blockLength(), codewords, open / 1024, TensorSoundness.errorBits(l, 1));
            }
        }
        System.out.println();
        System.out.println("| fixture | K | commit C_W ms | proof bytes | prove ms (median of 5) |");
        System.out.println("| --- | --- | --- | --- | --- |");
        List<String> names = args.length == 0 ? List.of("bc_mlp") : List.of(args).stream().filter(a -> !a.startsWith("K=")).toList();
        int[] ks = List.of(args).stream().filter(a -> a.startsWith("K=")).findFirst()
                .map(a -> java.util.Arrays.stream(a.substring(2).split(",")).mapToInt(Integer::parseInt).toArray()).orElse(new int[] {16, 256, 1024});
        for (String name : names) {
            Fixtures.Fixture f = Fixtures.get(name);
            for (int k : ks) {
                long t0 = System.nanoTime();
                CommittedModel cm = CommittedModel.commit(f.model(), new byte[32], k);
                double commitMs = (System.nanoTime() - t0) / 1e6;
                long[] x = f.input(1);
                double[] times = new double[7];
                int size = 0;
                for (int r = 0; r < times.length; r++) {
                    RequesterCommitments rq = RequesterCommitments.commit(cm.description(), x, new byte[] {(byte) r, 5});
                    long s0 = System.nanoTime();
                    InferenceProof p = InferenceProver.prove(cm, IntInterpreter.run(f.model(), x), rq, r);
                    times[r] = (System.nanoTime() - s0) / 1e6;
                    size = p.size();
                }
                double[] warm = java.util.Arrays.copyOfRange(times, 2, times.length);
                java.util.Arrays.sort(warm);
                System.out.printf(java.util.Locale.ROOT, "| %s | %d | %.0f | %,d | %.1f |%n", name, k, commitMs, size, warm[warm.length / 2]);
            }
        }
    }
}
