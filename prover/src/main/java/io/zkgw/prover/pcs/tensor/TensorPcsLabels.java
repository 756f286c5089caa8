package io.zkgw.prover.pcs.tensor;

/** Transcript labels of the tensor PCS opening (protocol constants: changing one is a version bump). */
final class TensorPcsLabels {
    static final String SHAPE = "pcs/tensor/shape";
    /** Per polynomial its length, absorbed only when one is committed as a prefix ({@link TensorLayout#ofPrefix}). */
    static final String LENGTHS = "pcs/tensor/lengths";
    static final String COMMITMENT = "pcs/tensor/commitment";
    static final String NUM_CLAIMS = "pcs/tensor/claims";
    static final String CLAIM_POLY = "pcs/tensor/claim-poly";
    static final String CLAIM_POINT = "pcs/tensor/claim-point";
    /** A weighted claim's column weights, in place of a point (only weighted claims absorb it). */
    static final String CLAIM_WEIGHTS = "pcs/tensor/claim-weights";
    static final String CLAIM_VALUE = "pcs/tensor/claim-value";
    static final String BATCH = "pcs/tensor/batch";
    static final String PROXIMITY = "pcs/tensor/proximity";
    static final String PROXIMITY_ROW = "pcs/tensor/proximity-row";
    static final String EVAL_ROW = "pcs/tensor/eval-row";
    static final String QUERIES = "pcs/tensor/queries";
    // hiding variant (version 2)
    static final String EVAL_MASK_VALUE = "pcs/tensor/eval-mask-value";
    static final String EVAL_MASK = "pcs/tensor/eval-mask";

    private TensorPcsLabels() {}
}
