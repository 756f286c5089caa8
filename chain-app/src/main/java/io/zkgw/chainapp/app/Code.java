package io.zkgw.chainapp.app;

/**
 * The result codes of CheckTx, FinalizeBlock's ExecTxResult and Query, in codespace {@value #CODESPACE}.
 * The numbers are part of the protocol (clients match on them): never renumber, only add.
 */
public enum Code {
    OK(0, "ok"),
    TX_DECODE(1, "the transaction bytes are not a well-formed, canonically encoded Tx/TxBody"),
    TX_TOO_LARGE(2, "the transaction exceeds the maximum transaction size"),
    BAD_SIGNATURE(3, "the Ed25519 signature does not verify over the sign bytes for this chain"),
    WRONG_SEQUENCE(4, "the sequence is not the signer account's next sequence (replayed or out of order)"),
    FEE_TOO_LOW(5, "the fee is below the minimum transaction fee"),
    INSUFFICIENT_FUNDS(6, "the signer's balance does not cover the fee and the amount moved"),
    INVALID_FIELD(7, "a message field is missing, malformed or out of range"),
    UNKNOWN_MESSAGE(8, "the transaction body carries no known message"),
    NOT_FOUND(9, "a referenced dataset, model or request does not exist"),
    UNAUTHORIZED(10, "the signer may not act on the referenced object"),
    ALREADY_EXISTS(11, "the object already exists"),
    NOT_A_PROVIDER(12, "the signer is not a registered provider"),
    REQUEST_NOT_PENDING(13, "the prediction request is no longer pending"),
    INVALID_DEADLINE(14, "the deadline height is not in the allowed window"),
    FEE_BELOW_PRICE(15, "the offered prediction fee is below the model's price"),
    NOT_SUPPORTED(16, "not supported by this ledger version (no longer emitted since the proof verifier landed; kept so numbers never move)"),
    PROOF_INVALID(17, "the inference proof does not verify"),
    OVERFLOW(18, "an amount would overflow"),
    NOT_READY(19, "the chain has not been initialised (no InitChain yet)"),
    MODEL_BUDGET_SPENT(20, "the model commitment (epoch) has taken as many proofs as its proof budget allows"),
    QUERY_UNKNOWN_PATH(30, "unknown query path"),
    QUERY_BAD_DATA(31, "malformed query data"),
    QUERY_BAD_HEIGHT(32, "only the latest committed height can be queried");

    public static final String CODESPACE = "zkgw";

    private final int value;
    private final String meaning;

    Code(int value, String meaning) {
        this.value = value;
        this.meaning = meaning;
    }

    /** The numeric code sent to CometBFT. */
    public int value() {
        return value;
    }

    public String meaning() {
        return meaning;
    }

    /** The code with this number, or null. */
    public static Code of(int value) {
        for (Code c : values()) {
            if (c.value == value) {
                return c;
            }
        }
        return null;
    }
}
