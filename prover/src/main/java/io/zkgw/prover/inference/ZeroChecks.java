package io.zkgw.prover.inference;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.sumcheck.SumOfProducts;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/** Turns the circuit's zero-checks into sumcheck instances Σ_x eq(τ, x)·Σ_j γ^j·C_j(x) = 0. */
final class ZeroChecks {
    private ZeroChecks() {}

    /** The instance of one zero-check; publicTables are the evaluated tables of its public factors (in order). */
    static Instance instance(Circuit c, ZeroCheck zc, ExtVector tau, Ext2 gamma, List<long[]> publicTables) {
        int m = zc.factors().size() + 1;
        List<SumOfProducts.Term> terms = new ArrayList<>();
        Ext2 g = Ext2.ONE;
        for (List<ZeroCheck.Mono> constraint : zc.constraints()) {
            for (ZeroCheck.Mono mono : constraint) {
                int[] f = new int[mono.factors().length + 1];
                for (int i = 0; i < mono.factors().length; i++) {
                    f[i + 1] = mono.factors()[i] + 1;
                }
                terms.add(SumOfProducts.Term.of(g.mulBase(mono.coef()), f));
            }
            g = g.mul(gamma);
        }
        List<Instance.Slot> slots = new ArrayList<>();
        slots.add(new Instance.Eq(tau));
        int pub = 0;
        for (ZeroCheck.Factor f : zc.factors()) {
            switch (f) {
                case ZeroCheck.Committed t -> slots.add(c.isVirtual(t.tensor()) ? new Instance.Virtual()
                        : new Instance.Witness(t.tensor(), Fx.bits(t.slice(), t.sliceBits())));
                case ZeroCheck.Public p -> {
                    long[] table = publicTables.get(pub++);
                    slots.add(new Instance.Public(p.name(), x -> Mle.evaluate(table, x)));
                }
            }
        }
        return new Instance(zc.name(), zc.numVars(), SumOfProducts.of(m, terms), Ext2.ZERO, slots);
    }

    static List<long[]> publicTables(ZeroCheck zc) {
        List<long[]> out = new ArrayList<>();
        for (ZeroCheck.Factor f : zc.factors()) {
            if (f instanceof ZeroCheck.Public p) {
                out.add(p.table().get());
            }
        }
        return out;
    }

    static ExtVector tau(Transcript t, ZeroCheck zc) {
        return t.challengeExts("zerocheck/point", zc.numVars());
    }

    /** Adds every zero-check to the stage; returns their handles. */
    static List<Integer> verify(VerifierState s, Stage stage) {
        List<Integer> handles = new ArrayList<>();
        for (ZeroCheck zc : s.circuit.zeroChecks()) {
            ExtVector tau = tau(s.transcript, zc);
            Ext2 gamma = s.transcript.challengeExt("zerocheck/combine");
            handles.add(stage.add(instance(s.circuit, zc, tau, gamma, publicTables(zc))));
        }
        return handles;
    }

    /** After the stage: the claims on virtual tensors, for the linear ops that produce them. */
    static void collectChained(Circuit c, List<Integer> handles, Stage stage, Claims claims) {
        for (int i = 0; i < handles.size(); i++) {
            ZeroCheck zc = c.zeroChecks().get(i);
            Stage.Result r = stage.result(handles.get(i));
            for (int k = 0; k < zc.factors().size(); k++) {
                if (zc.factors().get(k) instanceof ZeroCheck.Committed t && c.isVirtual(t.tensor())) {
                    if (t.sliceBits() != 0 || claims.chained.containsKey(t.tensor())) {
                        throw new IllegalStateException("virtual tensor used twice or sliced");
                    }
                    claims.chained.put(t.tensor(), new Claims.Chain(r.point(), r.mval(k + 1)));
                }
            }
        }
    }
}
