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
    /**
     * The point of one instance and its polynomials' values there: in the zero-knowledge format the masked
     * values P̂(r) that were sent, with unknown[k] = −Z·m_k the part the verifier does not know.
     */
    record Result(ExtVector point, ExtVector finals, LinForm[] unknown) {
        Result(ExtVector point, ExtVector finals) {
            this(point, finals, null);
        }

        /** The sent value (plain format: the value). */
        Ext2 value(int poly) {
            return finals.get(poly);
        }

        /** The value as the verifier knows it. */
        MVal mval(int poly) {
            return new MVal(finals.get(poly), unknown == null ? LinForm.EMPTY : unknown[poly]);
        }
    }

    /** The zero-knowledge shape of a stage: round degree, mask positions in the pool. */
    static final class ZkShape {
        int numVars;
        int degree;
        int gBase;
        int[][] maskIdx;
    }

    /** Allocates the stage's masks from the pool (same order on both sides). */
    ZkShape zkShape(Zk zk) {
        ZkShape z = new ZkShape();
        int d = 1;
        int n = 0;
        z.maskIdx = new int[instances.size()][];
        for (Instance inst : instances) {
            n = Math.max(n, zkVars(inst));
            boolean[] masked = maskedSlots(inst);
            d = Math.max(d, Math.max(inst.form().degree(), io.zkgw.prover.sumcheck.MaskedSumcheck.lastRoundDegree(inst.form(), masked)));
        }
        z.numVars = n;
        z.degree = d;
        z.gBase = zk.take(2 * io.zkgw.prover.sumcheck.MaskedSumcheck.maskCoefficients(n, d));
        for (int i = 0; i < instances.size(); i++) {
            boolean[] masked = maskedSlots(instances.get(i));
            z.maskIdx[i] = new int[masked.length];
            for (int k = 0; k < masked.length; k++) {
                z.maskIdx[i][k] = masked[k] ? zk.take(2) : -1;
            }
        }
        return z;
    }

    static boolean[] maskedSlots(Instance inst) {
        boolean[] b = new boolean[inst.slots().size()];
        for (int k = 0; k < b.length; k++) {
            b[k] = Instance.masked(inst.slots().get(k));
        }
        return b;
    }

    /**
     * Variables of an instance in a masked sumcheck: an instance without variables (a single value) is lifted
     * to one dummy variable (constant tables, claim doubled), so that its final values can be masked too.
     */
    static int zkVars(Instance inst) {
        return Math.max(1, inst.numVars());
    }

    /** The factor a lifted instance's claim is multiplied by. */
    static Ext2 liftFactor(Instance inst) {
        return inst.numVars() == 0 ? Ext2.ofBase(2) : Ext2.ONE;
    }

    /**
     * After a zero-knowledge sumcheck: the final check as a pool claim, and the results with their unknown
     * parts. Returns the results in instance order.
     */
    List<Result> zkFinish(ZkShape z, io.zkgw.prover.sumcheck.MaskedSumcheck.Result res, Zk zk) {
        int n = z.numVars;
        Ext2 formSum = Ext2.ZERO;
        LinForm u = LinForm.EMPTY;
        for (int i = 0; i < instances.size(); i++) {
            Instance inst = instances.get(i);
            Ext2 rho = res.rho().get(i);
            formSum = formSum.add(rho.mul(inst.form().evaluate(res.finals().get(i).toList())));
            u = u.add(inst.unknown().scale(rho.mulBase(io.zkgw.prover.field.Goldilocks.pow(2, n - zkVars(inst))).mul(liftFactor(inst))));
        }
        LinForm l = LinForm.maskVector(z.gBase, io.zkgw.prover.sumcheck.MaskedSumcheck.maskWeights(res.point(), z.degree), res.rhoMask())
                .sub(u.scale(res.lambda()));
        zk.claim(l, res.finalKnown().sub(formSum), "final check of stage " + name);
        Ext2 last = n == 0 ? Ext2.ZERO : res.point().get(n - 1);
        Ext2 zz = last.mul(Ext2.ONE.sub(last));
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            Instance inst = instances.get(i);
            LinForm[] unk = new LinForm[inst.slots().size()];
            for (int k = 0; k < unk.length; k++) {
                unk[k] = z.maskIdx[i][k] >= 0 ? LinForm.mask(z.maskIdx[i][k], zz.neg()) : LinForm.EMPTY;
            }
            out.add(new Result(res.point().slice(n - inst.numVars(), n), res.finals().get(i), unk));
        }
        return out;
    }

    /**
     * Test hook (the attack and uniformity tests play an observer of proofs): when set on the verifying
     * thread, it sees every stage's round messages and final values as sent. Unset in production.
     */
    interface Tap {
        void stage(String stage, List<ExtVector> rounds, List<ExtVector> finals, List<Instance> instances, List<ExtVector> points);
    }

    static final ThreadLocal<Tap> TAP = new ThreadLocal<>();

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
        if (in.zk != null) {
            ZkShape z = zkShape(in.zk);
            io.zkgw.prover.sumcheck.MaskedSumcheck.Result res;
            try {
                res = io.zkgw.prover.sumcheck.MaskedSumcheck.verify(instances.stream().map(Stage::zkVars).toList(),
                        instances.stream().map(i -> i.claim().mul(liftFactor(i))).toList(), instances.stream().map(i -> i.form().numPolys()).toList(), z.degree,
                        (what, count) -> in.rawExts("stage " + name + ": " + what, count), in.transcript());
            } catch (io.zkgw.prover.codec.DecodingException e) {
                throw e;
            } catch (VerificationException e) {
                throw new VerificationException("stage " + name + ": " + e.getMessage(), e);
            }
            List<Result> rs = zkFinish(z, res, in.zk);
            if (TAP.get() != null) {
                TAP.get().stage(name, res.rounds(), res.finals(), instances, rs.stream().map(Result::point).toList());
            }
            for (int i = 0; i < instances.size(); i++) {
                dispatch(instances.get(i), rs.get(i), claims);
                results.add(rs.get(i));
            }
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
        if (TAP.get() != null) {
            TAP.get().stage(name, proof.rounds(), proof.finalEvals(), instances, res.instancePoints());
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
                case Instance.Witness w -> claims.witness(w.tensor(), Fx.concat(w.prefix(), r.point()), r.mval(k), inst.name());
                case Instance.Weight w -> claims.weight(w.segment(), Fx.concat(w.prefix(), r.point()), r.mval(k), inst.name());
                case Instance.Virtual x -> {
                    // handed to the caller through result()
                }
                case Instance.Opened x -> {
                    // handed to the caller through result()
                }
            }
        }
    }
}
