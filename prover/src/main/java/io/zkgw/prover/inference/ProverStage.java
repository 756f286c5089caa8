package io.zkgw.prover.inference;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.poly.MleTable;
import io.zkgw.prover.sumcheck.SumOfProducts;
import io.zkgw.prover.sumcheck.SumcheckProver;
import java.util.ArrayList;
import java.util.List;

/** The prover's side of a {@link Stage}: instances come with their tables, and the stage proves them. */
final class ProverStage extends Stage {
    private final List<List<MleTable>> tables = new ArrayList<>();

    ProverStage(String name) {
        super(name);
    }

    @Override
    int add(Instance instance) {
        throw new UnsupportedOperationException("the prover adds instances with their tables");
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

    /** Σ_x form(P(x)) without allocation per point (the prover's self-check of a claim). */
    static Ext2 sum(SumOfProducts form, List<MleTable> t) {
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

}
