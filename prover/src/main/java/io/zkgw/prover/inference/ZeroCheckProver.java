package io.zkgw.prover.inference;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.poly.MleTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The prover's side of {@link ZeroChecks}: the tables of every zero-check instance. */
final class ZeroCheckProver {
    private ZeroCheckProver() {}

    static List<Integer> prove(ProverState s, ProverStage stage) {
        List<Integer> handles = new ArrayList<>();
        for (ZeroCheck zc : s.circuit.zeroChecks()) {
            ExtVector tau = ZeroChecks.tau(s.transcript, zc);
            Ext2 gamma = s.transcript.challengeExt("zerocheck/combine");
            List<long[]> pub = ZeroChecks.publicTables(zc);
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
            handles.add(stage.add(ZeroChecks.instance(s.circuit, zc, tau, gamma, pub), tables));
        }
        return handles;
    }

}
