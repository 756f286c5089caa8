package io.zkgw.prover.inference;

import java.util.Arrays;

/**
 * Size and time of an epoch link per fixture (docs/inference-proofs.md §11 (e)): link bytes, prove and verify
 * medians over {@code reps} links, after one warm-up pass. A main, not a test: {@code java -cp
 * target/test-classes:target/classes:$(cat cp.txt) io.zkgw.prover.inference.EpochLinkCost [K] [reps]}.
 */
public final class EpochLinkCost {
    private EpochLinkCost() {}

    public static void main(String[] args) throws Exception {
        int k = args.length > 0 ? Integer.parseInt(args[0]) : ModelCommitment.DEFAULT_PROOF_BUDGET;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        System.out.println("| model | K | link bytes | prove ms | verify ms |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (int pass = 0; pass < 2; pass++) {
            for (String name : Fixtures.ALL) {
                var model = Fixtures.get(name).model();
                CircuitDescription d = CircuitDescription.of(model);
                double[] prove = new double[reps];
                double[] verify = new double[reps];
                int bytes = 0;
                for (int r = 0; r < reps; r++) {
                    CommittedModel a = CommittedModel.commit(model, CommittedModel.derive("cost", new byte[32], new byte[] {(byte) r}), k);
                    CommittedModel b = CommittedModel.commit(model, CommittedModel.derive("cost", new byte[32], new byte[] {(byte) r, 1}), k);
                    long t0 = System.nanoTime();
                    byte[] link = a.linkTo(b);
                    long t1 = System.nanoTime();
                    EpochLink.verify(d, a.commitment(), b.commitment(), link);
                    long t2 = System.nanoTime();
                    prove[r] = (t1 - t0) / 1e6;
                    verify[r] = (t2 - t1) / 1e6;
                    bytes = link.length;
                }
                if (pass == 1) {
                    Arrays.sort(prove);
                    Arrays.sort(verify);
                    System.out.printf("| %s | %d | %,d | %.1f | %.1f |%n", name, k, bytes, prove[reps / 2], verify[reps / 2]);
                }
            }
        }
    }
}
