package io.zkgw.chainapp.app;

/** Size limits the application enforces (docs/chain.md, "Limits"); the node configuration must admit them. */
public final class Limits {
    /** Largest transaction accepted; {@code mempool.max_tx_bytes} is set to this by our node init. */
    public static final int MAX_TX_BYTES = 8 << 20;
    public static final int MAX_PROOF_BYTES = 6 << 20;
    /** An epoch link opens C_W like a proof does (its rows grow with K): the same bound. */
    public static final int MAX_EPOCH_LINK_BYTES = MAX_PROOF_BYTES;
    public static final int MAX_MASKED_OUTPUT_BYTES = 64 << 10;
    /**
     * Most requests one FulfillPredictions answers. Bounds the work of verifying one tx: a bc_mlp proof for
     * 64 requests verifies in about 0.1 s; the proof size limit bounds larger models first.
     */
    public static final int MAX_BATCH_ANSWERS = 64;
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;
    public static final int MAX_CIRCUIT_BYTES = 1 << 20;
    public static final int MAX_WEIGHTS_COMMITMENT_BYTES = 4096;
    /** A model card (card.json) is a few KiB; 64 KiB leaves room for long label and feature lists. */
    public static final int MAX_MODEL_CARD_BYTES = 64 << 10;
    public static final int MIN_COMMITMENT_BYTES = 32;
    public static final int MAX_COMMITMENT_BYTES = 256;
    public static final int MAX_HPKE_KEY_BYTES = 256;
    public static final int MAX_NAME_BYTES = 64;
    public static final int MAX_MEMO_BYTES = 256;

    private Limits() {}
}
