package io.zkgw.prover.inference;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.poly.MleTable;
import io.zkgw.prover.sumcheck.SumcheckClaim;
import io.zkgw.prover.sumcheck.SumcheckProof;
import io.zkgw.prover.sumcheck.SumcheckProver;
import io.zkgw.prover.sumcheck.SumcheckVerifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A batched sumcheck stage: every instance added to it is proved with one batched sumcheck (shared
 * challenges; an instance with fewer variables uses the last coordinates of the point). Afterwards the
 * final values are dispatched by slot: the verifier checks eq and public values itself, turns committed
 * ones into claims, and leaves virtual ones to the caller through {@link Result}.
 */
final class Stage {
    /** The point of one instance and its polynomials' values there. */
    record Result(ExtVector point, ExtVector finals) {
        Ext2 value(int poly) {
            return finals.get(poly);
        }
    }

    private final String name;
    private final List<Instance> instances = new ArrayList<>();
    private final List<List<MleTable>> tables = new ArrayList<>();
    private List<Result> results;

    Stage(String name) {
        this.name = name;
    }

    /** Adds an instance (verifier side). Returns its handle. */
    int add(Instance instance) {
        instances.add(instance);
        tables.add(null);
        return instances.size() - 1;
    }

    /** Adds an instance with its tables (prover side). The tables are consumed. */
    int add(Instance instance, List<MleTable> t) {
        if (t.size() != instance.form().numPolys()) {
            throw new IllegalArgumentException(instance.name() + ": " + t.size() + " tables for " + instance.form().numPolys() + " polynomials");
        }
        for (MleTable m : t) {
            if (m.numVars() != instance.numVars()) {
                throw new IllegalArgumentException(instance.name() + ": table with " + m.numVars() + " variables, instance has " + instance.numVars());
            }
        }
        instances.add(instance);
        tables.add(List.copyOf(t));
        return instances.size() - 1;
    }

    boolean isEmpty() {
        return instances.isEmpty();
    }

    Result result(int handle) {
        return results.get(handle);
    }

    void prove(ProofSink out, Claims claims) {
        prove(out, claims, out.selfCheck);
    }

    /** @param check whether to check every claim against the tables first (off where claims hold by construction) */
    void prove(ProofSink out, Claims claims, boolean check) {
        results = new ArrayList<>();
        if (instances.isEmpty()) {
            return;
        }
        List<SumcheckProver.Instance> ps = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            Instance inst = instances.get(i);
            if (check && !sum(inst.form(), tables.get(i)).equals(inst.claim())) {
                throw new IllegalStateException("witness does not satisfy " + inst.name() + " (stage " + name + ")");
            }
            ps.add(new SumcheckProver.Instance(inst.form(), tables.get(i), inst.claim()));
        }
        SumcheckProver.Output o = SumcheckProver.prove(ps, out.transcript());
        out.sumcheck(o.proof());
        int n = o.point().size();
        for (int i = 0; i < instances.size(); i++) {
            Instance inst = instances.get(i);
            ExtVector point = o.point().slice(n - inst.numVars(), n);
            Result r = new Result(point, o.finalEvals().get(i));
            try {
                dispatch(inst, r, claims);
            } catch (VerificationException e) {
                if (out.selfCheck) {
                    throw new IllegalStateException("prover self-check failed: " + e.getMessage(), e);
                }
            }
            results.add(r);
        }
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

    /** Σ_x form(P(x)) without allocation per point (the prover's self-check of a claim). */
    static Ext2 sum(io.zkgw.prover.sumcheck.SumOfProducts form, List<MleTable> t) {
        int m = t.size();
        int size = t.getFirst().size();
        long[][] re = new long[m][];
        long[][] im = new long[m][];
        for (int k = 0; k < m; k++) {
            re[k] = t.get(k).re();
            im[k] = t.get(k).im();
        }
        int terms = form.numTerms();
        int[][] factors = new int[terms][];
        for (int j = 0; j < terms; j++) {
            factors[j] = form.factors(j);
        }
        long[] acc = new long[2 * terms];
        for (int x = 0; x < size; x++) {
            for (int j = 0; j < terms; j++) {
                long p0 = 1;
                long p1 = 0;
                for (int f : factors[j]) {
                    long b0 = re[f][x];
                    long b1 = im[f] == null ? 0 : im[f][x];
                    long n0 = Ext2.mulRe(p0, p1, b0, b1);
                    p1 = Ext2.mulIm(p0, p1, b0, b1);
                    p0 = n0;
                }
                acc[2 * j] = io.zkgw.prover.field.Goldilocks.add(acc[2 * j], p0);
                acc[2 * j + 1] = io.zkgw.prover.field.Goldilocks.add(acc[2 * j + 1], p1);
            }
        }
        Ext2 s = Ext2.ZERO;
        for (int j = 0; j < terms; j++) {
            s = s.add(form.coefficient(j).mul(new Ext2(acc[2 * j], acc[2 * j + 1])));
        }
        return s;
    }

    private void dispatch(Instance inst, Result r, Claims claims) throws VerificationException {
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
