package io.zkgw.prover.inference;

import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import io.zkgw.prover.pcs.tensor.TensorPcs;
import io.zkgw.prover.pcs.tensor.TensorProverData;
import java.util.List;

/**
 * The provider's side of a model commitment: the integer model, its description D, the weight
 * polynomial in proof layout and the PCS prover data, kept to open C_W in every proof.
 */
public final class CommittedModel {
    private final IntModel model;
    private final CircuitDescription description;
    private final long[][] segments;
    private final TensorProverData data;
    private final ModelCommitment commitment;

    private CommittedModel(IntModel model, CircuitDescription description, long[][] segments, TensorProverData data) {
        this.model = model;
        this.description = description;
        this.segments = segments;
        this.data = data;
        this.commitment = new ModelCommitment(data.commitment(), description.hash());
    }

    /** Lays the weights out as D prescribes and commits to them. */
    public static CommittedModel commit(IntModel model) {
        CircuitDescription d = CircuitDescription.of(model);
        Circuit c = new Circuit(d, 1, Circuit.MAX_LIMB_BITS);
        long[][] segs = segments(model, c);
        long[] poly = c.weightLayout() == null ? new long[1] : c.weightLayout().assemble(segs);
        return new CommittedModel(model, d, segs, TensorPcs.standard().commit(List.of(poly)));
    }

    /** Every weight segment (W* and b per linear layer, in op order) in proof layout. */
    static long[][] segments(IntModel model, Circuit c) {
        long[][] segs = new long[c.weightSegs().size()][];
        int g = 0;
        for (int i = 0; i < model.ops().size(); i++) {
            IntOp op = model.ops().get(i);
            if (op instanceof IntOp.Dense dense) {
                ((DenseGadget) gadgetFor(c, i)).weightTables(dense, segs);
            } else if (op instanceof IntOp.Conv conv) {
                ((ConvGadget) gadgetFor(c, i)).weightTables(conv, segs);
            }
        }
        return segs;
    }

    private static Gadget gadgetFor(Circuit c, int op) {
        for (Gadget g : c.gadgets()) {
            if (g instanceof DenseGadget d && d.opIndex == op || g instanceof ConvGadget v && v.opIndex == op) {
                return g;
            }
        }
        throw new IllegalStateException("no gadget for op " + op);
    }

    public IntModel model() {
        return model;
    }

    public CircuitDescription description() {
        return description;
    }

    public ModelCommitment commitment() {
        return commitment;
    }

    TensorProverData data() {
        return data;
    }

    long[][] segments() {
        return segments;
    }
}
