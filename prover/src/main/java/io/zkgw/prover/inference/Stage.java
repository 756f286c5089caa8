package io.zkgw.prover.inference;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.sumcheck.SumcheckClaim;
import io.zkgw.prover.sumcheck.SumcheckProof;
import io.zkgw.prover.sumcheck.SumcheckVerifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A batched sumcheck stage: every instance added to it is proved with one batched sumcheck (shared
 * challenges; an instance with fewer variables uses the last coordinates of the point). Afterwards the
 * final values are dispatched by slot: the verifier checks eq and public values itself, turns committed
 * ones into claims, and leaves virtual ones to the caller through {@link Result}. This class is the
 * verifier's; {@link ProverStage} adds the tables and the proving.
 */
class Stage {
    /** The point of one instance and its polynomials' values there. */
    record Result(ExtVector point, ExtVector finals) {
        Ext2 value(int poly) {
            return finals.get(poly);
        }
    }

    final String name;
    final List<Instance> instances = new ArrayList<>();
    List<Result> results;

    Stage(String name) {
        this.name = name;
    }

    /** Adds an instance (verifier side). Returns its handle. */
    int add(Instance instance) {
        instances.add(instance);
        return instances.size() - 1;
    }

    boolean isEmpty() {
        return instances.isEmpty();
    }

    Result result(int handle) {
        return results.get(handle);
    }

    void verify(ProofSource in, Claims claims) throws VerificationException {
        results = new ArrayList<>();
        if (instances.isEmpty()) {
            return;
        }
        List<SumcheckClaim> cs = instances.stream().map(Instance::toClaim).toList();
        SumcheckProof proof = in.sumcheck("sumcheck of stage " + name, cs);
        SumcheckVerifier.Result res;
        try {
            res = SumcheckVerifier.verify(cs, proof, in.transcript());
        } catch (VerificationException e) {
            throw new VerificationException("stage " + name + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < instances.size(); i++) {
            Result r = new Result(res.instancePoints().get(i), res.finalEvals().get(i));
            dispatch(instances.get(i), r, claims);
            results.add(r);
        }
    }

    void dispatch(Instance inst, Result r, Claims claims) throws VerificationException {
        for (int k = 0; k < inst.slots().size(); k++) {
            Ext2 v = r.value(k);
            switch (inst.slots().get(k)) {
                case Instance.Eq eq -> {
                    if (!Mle.eq(eq.tau(), r.point()).equals(v)) {
                        throw new VerificationException(inst.name() + ": wrong eq value at the sumcheck point (stage " + name + ")");
                    }
                }
                case Instance.Public p -> {
                    if (!p.mle().apply(r.point()).equals(v)) {
                        throw new VerificationException(inst.name() + ": wrong value of public " + p.what() + " (stage " + name + ")");
                    }
                }
                case Instance.Witness w -> claims.witness(w.tensor(), Fx.concat(w.prefix(), r.point()), v, inst.name());
                case Instance.Weight w -> claims.weight(w.segment(), Fx.concat(w.prefix(), r.point()), v, inst.name());
                case Instance.Virtual x -> {
                    // handed to the caller through result()
                }
            }
        }
    }
}
