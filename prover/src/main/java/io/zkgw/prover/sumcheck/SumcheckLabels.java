package io.zkgw.prover.sumcheck;

/** Transcript labels of the sumcheck protocol (part of the protocol: changing one is a version bump). */
final class SumcheckLabels {
    static final String INSTANCES = "sumcheck/instances";
    static final String NUM_VARS = "sumcheck/num-vars";
    static final String CLAIM = "sumcheck/claim";
    static final String BATCH = "sumcheck/batch";
    static final String ROUND = "sumcheck/round";
    static final String CHALLENGE = "sumcheck/challenge";
    static final String FINAL_EVALS = "sumcheck/final-evals";
    // zero-knowledge variant (ZkSumcheck)
    static final String MASK_SUM = "sumcheck/mask-sum";
    static final String ZK_BATCH = "sumcheck/zk-batch";
    static final String MASK_VALUE = "sumcheck/mask-value";

    private SumcheckLabels() {}
}
