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
        if (out.zk != null) {
            proveZk(out, claims, check);
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

    private void proveZk(ProofSink out, Claims claims, boolean check) {
        Zk zk = out.zk;
        ZkShape z = zkShape(zk);
        List<io.zkgw.prover.sumcheck.MaskedSumcheckProver.Instance> ps = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            Instance inst = instances.get(i);
            Ext2 trueClaim = inst.claimValue().value(zk.pool);
            // (an attempt whose masks overflowed the pool is discarded: its pool values are incomplete, skip the check)
            if (check && zk.fits() && !sum(inst.form(), tables.get(i)).equals(trueClaim)) {
                throw new IllegalStateException("witness does not satisfy " + inst.name() + " (stage " + name + ")");
            }
            Ext2[] masks = new Ext2[inst.slots().size()];
            for (int k = 0; k < masks.length; k++) {
                masks[k] = z.maskIdx[i][k] >= 0 ? zk.mask(z.maskIdx[i][k]) : null;
            }
            List<MleTable> tabs = tables.get(i);
            if (inst.numVars() == 0) {
                tabs = tabs.stream().map(tb -> MleTable.ofExt(new long[] {tb.re(0), tb.re(0)}, new long[] {tb.im(0), tb.im(0)})).toList();
            }
            Ext2 lift = liftFactor(inst);
            ps.add(new io.zkgw.prover.sumcheck.MaskedSumcheckProver.Instance(
                    new io.zkgw.prover.sumcheck.SumcheckProver.Instance(inst.form(), tabs, trueClaim.mul(lift)), inst.claim().mul(lift), masks));
        }
        int coefs = io.zkgw.prover.sumcheck.MaskedSumcheck.maskCoefficients(z.numVars, z.degree);
        Ext2[] g = new Ext2[coefs];
        for (int j = 0; j < coefs; j++) {
            g[j] = zk.mask(z.gBase + 2 * j);
        }
        io.zkgw.prover.sumcheck.MaskedSumcheck.Result res = io.zkgw.prover.sumcheck.MaskedSumcheckProver.prove(ps, g, z.degree, out.transcript());
        out.rawExt(res.maskSum());
        res.rounds().forEach(out::rawExts);
        res.finals().forEach(out::rawExts);
        int before = zk.poolClaims.size();
        List<Result> rs = zkFinish(z, res, zk);
        if (out.selfCheck) {
            for (Zk.PoolClaim pc : zk.poolClaims.subList(before, zk.poolClaims.size())) {
                if (zk.fits() && !pc.form().evaluate(zk.pool).equals(pc.value())) {
                    throw new IllegalStateException("prover self-check failed: " + pc.origin());
                }
            }
        }
        for (int i = 0; i < instances.size(); i++) {
            try {
                dispatch(instances.get(i), rs.get(i), claims);
            } catch (VerificationException e) {
                if (out.selfCheck) {
                    throw new IllegalStateException("prover self-check failed: " + e.getMessage(), e);
                }
            }
            results.add(rs.get(i));
        }
    }

    /** Σ_x form(P(x)) without allocation per point (the prover's self-check of a claim). */
    static Ext2 sum(SumOfProducts form, List<MleTable> t) {
        int m = t.size();
        // last-variable-first tables hold their live entries only, in another order: the sum over all entries is the same
        int size = t.getFirst().lastFirst() ? t.stream().mapToInt(MleTable::live).min().orElseThrow() : t.getFirst().size();
        if (t.stream().anyMatch(tb -> tb.lastFirst() != t.getFirst().lastFirst())
                || (t.getFirst().lastFirst() && (form.numTerms() != 1 || form.factors(0).length != m))) {
            throw new IllegalArgumentException("last-variable-first tables are summed only all together, as one product of all of them");
        }
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
