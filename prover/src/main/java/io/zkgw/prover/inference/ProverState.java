package io.zkgw.prover.inference;

import io.zkgw.ir.Witness;
import io.zkgw.prover.transcript.Transcript;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Everything the prover side of one proof works on. */
final class ProverState {
    final Circuit circuit;
    final ProofSink out;
    final Transcript transcript;
    /** Witness tensors, field elements, full hypercube (batch-major). */
    final long[][] tables;
    /** Weight segments in proof layout. */
    final long[][] weights;
    /** One witness per batch slot: the real ones, then the dummy (all-zero input) for padding slots. */
    final List<Witness> witnesses;
    final Claims claims = new Claims();
    final Map<Object, Object> state = new HashMap<>();

    ProverState(Circuit circuit, ProofSink out, long[][] weights, List<Witness> witnesses) {
        this.circuit = circuit;
        this.out = out;
        this.transcript = out.transcript();
        this.tables = new long[circuit.tensors().size()][];
        this.weights = weights;
        this.witnesses = witnesses;
    }

    /** A fresh zero table for a witness tensor. */
    long[] alloc(int tensor) {
        if (tables[tensor] != null) {
            throw new IllegalStateException("tensor " + circuit.tensors().get(tensor).name() + " filled twice");
        }
        tables[tensor] = new long[1 << circuit.tensors().get(tensor).numVars()];
        return tables[tensor];
    }

    /** Allocates the limb tensors (if not yet) and writes value (unsigned, < 2^bits) into them at index idx. */
    void putLimbs(int[] limbs, int bits, int idx, long value, String what) {
        int c = circuit.limbBits();
        if (out.selfCheck && bits < 64 && (value >>> bits) != 0) {
            throw new IllegalStateException("witness out of range: " + what + " = " + Long.toUnsignedString(value)
                    + " does not fit in " + bits + " bits");
        }
        long mask = (1L << c) - 1;
        for (int j = 0; j < limbs.length; j++) {
            if (tables[limbs[j]] == null) {
                alloc(limbs[j]);
            }
            tables[limbs[j]][idx] = (value >>> (c * j)) & mask;
        }
    }
}
