package io.zkgw.prover.inference;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.poly.MleTable;
import io.zkgw.prover.sumcheck.SumOfProducts;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns the circuit's zero-checks into sumcheck instances Σ_x eq(τ, x)·Σ_j γ^j·C_j(x) = 0. */
final class ZeroChecks {
    private ZeroChecks() {}

    /** The instance of one zero-check; publicTables are the evaluated tables of its public factors (in order). */
    private static Instance instance(ZeroCheck zc, ExtVector tau, Ext2 gamma, List<long[]> publicTables) {
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
                case ZeroCheck.Committed c -> slots.add(new Instance.Witness(c.tensor(), Fx.bits(c.slice(), c.sliceBits())));
                case ZeroCheck.Public p -> {
                    long[] table = publicTables.get(pub++);
                    slots.add(new Instance.Public(p.name(), x -> Mle.evaluate(table, x)));
                }
            }
        }
        return new Instance(zc.name(), zc.numVars(), SumOfProducts.of(m, terms), Ext2.ZERO, slots);
    }

    private static List<long[]> publicTables(ZeroCheck zc) {
        List<long[]> out = new ArrayList<>();
        for (ZeroCheck.Factor f : zc.factors()) {
            if (f instanceof ZeroCheck.Public p) {
                out.add(p.table().get());
            }
        }
        return out;
    }

    private static ExtVector tau(Transcript t, ZeroCheck zc) {
        return t.challengeExts("zerocheck/point", zc.numVars());
    }

    static void prove(ProverState s, Stage stage) {
        for (ZeroCheck zc : s.circuit.zeroChecks()) {
            ExtVector tau = tau(s.transcript, zc);
            Ext2 gamma = s.transcript.challengeExt("zerocheck/combine");
            List<long[]> pub = publicTables(zc);
            List<MleTable> tables = new ArrayList<>();
            long[][] eq = Mle.eqTable(tau);
            tables.add(MleTable.ofExt(eq[0], eq[1]));
            int p = 0;
            int size = 1 << zc.numVars();
            for (ZeroCheck.Factor f : zc.factors()) {
                switch (f) {
                    case ZeroCheck.Committed c -> {
                        long[] t = s.tables[c.tensor()];
                        tables.add(MleTable.ofBase(c.sliceBits() == 0 ? t : Arrays.copyOfRange(t, c.slice() * size, (c.slice() + 1) * size)));
                    }
                    case ZeroCheck.Public x -> tables.add(MleTable.ofBase(pub.get(p++)));
                }
            }
            stage.add(instance(zc, tau, gamma, pub), tables);
        }
    }

    static void verify(VerifierState s, Stage stage) {
        for (ZeroCheck zc : s.circuit.zeroChecks()) {
            ExtVector tau = tau(s.transcript, zc);
            Ext2 gamma = s.transcript.challengeExt("zerocheck/combine");
            stage.add(instance(zc, tau, gamma, publicTables(zc)));
        }
    }
}
