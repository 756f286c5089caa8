package io.zkgw.prover.inference;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.Witness;
import java.util.List;

/** Verifies (or proves) one proof in a loop, for profiling: VerifyLoop fixture seconds [prove]. */
public final class VerifyLoop {
    private VerifyLoop() {}

    public static void main(String[] args) throws Exception {
        Fixtures.Fixture f = Fixtures.get(args[0]);
        CommittedModel cm = CommittedModel.commit(f.model());
        long[] x = f.input(0);
        Witness w = IntInterpreter.run(f.model(), x);
        RequesterCommitments rq = RequesterCommitments.commit(cm.description(), x, new byte[] {1});
        InferenceProof p = InferenceProver.prove(cm, w, rq, 1);
        List<RequestStatement> st = List.of(new RequestStatement(rq.input(), rq.mask(), p.maskedOutputs().getFirst()));
        Circuit c = Circuit.compile(cm.description(), 1);
        long end = System.nanoTime() + (long) (Double.parseDouble(args[1]) * 1e9);
        int n = 0;
        long t0 = System.nanoTime();
        boolean prove = args.length > 2 && args[2].equals("prove");
        while (System.nanoTime() < end) {
            if (prove) {
                InferenceProver.prove(cm, w, rq, 1);
            } else {
                InferenceVerifier.verify(c, cm.commitment(), st, p.bytes());
            }
            n++;
        }
        System.out.printf("%d runs, %.3f ms each%n", n, (System.nanoTime() - t0) / 1e6 / n);
    }
}
