package io.zkgw.gateway.health;

import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.prover.inference.CommittedModel;
import io.zkgw.prover.inference.InferenceProof;
import io.zkgw.prover.inference.InferenceProver;
import io.zkgw.prover.inference.InferenceVerifier;
import io.zkgw.prover.inference.RequestStatement;
import io.zkgw.prover.inference.RequesterCommitments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Prover self-check: proves and verifies one inference of a tiny built-in model. Done once and
 * remembered (a prover that worked keeps working; a broken one fails on the first check).
 */
@Readiness
@ApplicationScoped
public class ProverHealthCheck implements HealthCheck {
    private volatile HealthCheckResponse result;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse r = result;
        if (r == null) {
            r = selfCheck();
            if (r.getStatus() == HealthCheckResponse.Status.UP) {
                result = r;
            }
        }
        return r;
    }

    static HealthCheckResponse selfCheck() {
        long t0 = System.nanoTime();
        try {
            IntModel m = SelfCheckModel.build();
            CommittedModel cm = CommittedModel.commit(m);
            long[] x = new long[m.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i % 7 - 3;
            }
            RequesterCommitments rc = RequesterCommitments.commit(m, x, new byte[32]);
            InferenceProof p = InferenceProver.prove(cm, IntInterpreter.run(m, x), rc, 1);
            InferenceVerifier.verify(cm.description(), cm.commitment(),
                    List.of(new RequestStatement(rc.input(), rc.mask(), p.maskedOutputs().get(0))), p.bytes());
            return HealthCheckResponse.named("prover").up()
                    .withData("self-check-ms", (System.nanoTime() - t0) / 1_000_000).withData("proof-bytes", p.size()).build();
        } catch (Exception | LinkageError e) {
            return HealthCheckResponse.named("prover").down().withData("error", e.getClass().getName()).build();
        }
    }
}
