package io.zkgw.chainclient.query;

import io.zkgw.chainapp.app.StateKeys;

/** chain-app's abci_query paths and the state key each one reads (docs/chain.md, "Queries and proofs"). */
public enum LedgerPaths {
    ACCOUNT("/account"),
    PROVIDER("/provider"),
    DATASET("/dataset"),
    MODEL("/model"),
    REQUEST("/request"),
    /** data: model id (32 bytes) then the epoch as u32 big-endian ({@link #modelEpochData}). */
    MODEL_EPOCH("/model_epoch"),
    PARAMS("/params");

    private final String path;

    LedgerPaths(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The query data of {@link #MODEL_EPOCH}. */
    public static byte[] modelEpochData(byte[] modelId, int epoch) {
        return java.nio.ByteBuffer.allocate(modelId.length + 4).put(modelId).putInt(epoch).array();
    }

    /** The state key the ledger reads for {@code data} (address or id) on this path. */
    public byte[] stateKey(byte[] data) {
        return switch (this) {
            case ACCOUNT -> StateKeys.account(data);
            case PROVIDER -> StateKeys.provider(data);
            case DATASET -> StateKeys.dataset(data);
            case MODEL -> StateKeys.model(data);
            case REQUEST -> StateKeys.request(data);
            case MODEL_EPOCH -> StateKeys.modelEpoch(data);
            case PARAMS -> StateKeys.PARAMS.clone();
        };
    }
}
