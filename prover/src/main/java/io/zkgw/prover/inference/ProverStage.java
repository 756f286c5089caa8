package io.zkgw.prover.inference;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.poly.MleTable;
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
            ps.add(sumcheckInstance(inst, tables.get(i), inst.claim()));
        }
        SumcheckProver.Output o;
        try {
            o = SumcheckProver.prove(ps, out.transcript(), check);
        } catch (SumcheckProver.FalseClaim e) {
            throw unsatisfied(e);
        }
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
            Ext2[] masks = new Ext2[inst.slots().size()];
            for (int k = 0; k < masks.length; k++) {
                masks[k] = z.maskIdx[i][k] >= 0 ? zk.mask(z.maskIdx[i][k]) : null;
            }
            List<MleTable> tabs = tables.get(i);
            if (inst.numVars() == 0) {
                tabs = tabs.stream().map(tb -> MleTable.ofExt(new long[] {tb.re(0), tb.re(0)}, new long[] {tb.im(0), tb.im(0)})).toList();
            }
            Ext2 lift = liftFactor(inst);
            // a lifted table (no variables, written twice) is no eq table: no factor declared for it
            SumcheckProver.Instance si = inst.numVars() == 0 ? new SumcheckProver.Instance(inst.form(), tabs, trueClaim.mul(lift))
                    : sumcheckInstance(inst, tabs, trueClaim.mul(lift));
            ps.add(new io.zkgw.prover.sumcheck.MaskedSumcheckProver.Instance(si, inst.claim().mul(lift), masks));
        }
        int coefs = io.zkgw.prover.sumcheck.MaskedSumcheck.maskCoefficients(z.numVars, z.degree);
        Ext2[] g = new Ext2[coefs];
        for (int j = 0; j < coefs; j++) {
            g[j] = zk.mask(z.gBase + 2 * j);
        }
        io.zkgw.prover.sumcheck.MaskedSumcheck.Result res;
        try {
            // (an attempt whose masks overflowed the pool is discarded: its pool values are incomplete, skip the check)
            res = io.zkgw.prover.sumcheck.MaskedSumcheckProver.prove(ps, g, z.degree, out.transcript(), check && zk.fits());
        } catch (SumcheckProver.FalseClaim e) {
            throw unsatisfied(e);
        }
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

    /**
     * The sumcheck instance of a stage instance: with its eq slot declared as the eq factor when the slot is a factor of
     * every term once (zero-checks, LogUp layers), so that the prover takes it out of the round products.
     */
    private static SumcheckProver.Instance sumcheckInstance(Instance inst, List<MleTable> tables, Ext2 claim) {
        for (int k = 0; k < inst.slots().size(); k++) {
            if (inst.slots().get(k) instanceof Instance.Eq eq && SumcheckProver.Instance.factorOfEveryTermOnce(inst.form(), k)) {
                return new SumcheckProver.Instance(inst.form(), tables, claim, k, eq.tau());
            }
        }
        return new SumcheckProver.Instance(inst.form(), tables, claim);
    }

    /** The prover's self-check found instance e.instance()'s claim false: the witness does not satisfy it. */
    private IllegalStateException unsatisfied(SumcheckProver.FalseClaim e) {
        return new IllegalStateException("witness does not satisfy " + instances.get(e.instance()).name() + " (stage " + name + ")", e);
    }
}
