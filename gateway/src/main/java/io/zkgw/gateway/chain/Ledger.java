package io.zkgw.gateway.chain;

/**
 * What the job pipeline needs from the ledger. The chain client (chain-client/) implements it; until
 * one is configured {@link NoLedger} is used and jobs wait at PROVED / REJECTED.
 *
 * <p>Submission is idempotent by construction: the pipeline records the signed transaction (bytes and
 * hash) before the first broadcast, and after a restart it asks {@link #status} for that hash and sends
 * the same bytes again if needed. The same bytes have the same hash, and the ledger's sequence numbers
 * make a signed transaction usable once, so a resend never executes twice.
 */
public interface Ledger {
    /** Whether a ledger is configured at all. */
    boolean configured();

    /** Signs a FulfillPrediction for the request (hex id) with the masked output and proof. */
    SignedTx fulfil(String requestId, byte[] maskedOutput, byte[] proof);

    /** Signs a RejectRequest with the reason code (docs/chain.md: 1 policy, 2 decryption, 3 commitment, 5 model). */
    SignedTx reject(String requestId, int reasonCode);

    /** Sends signed bytes to the mempool; sending bytes the ledger already has is not an error. */
    void broadcast(SignedTx tx);

    /** Where a transaction is, by hash. */
    TxStatus status(String txHash);

    /** A signed transaction and its hash (hex, as CometBFT reports it). */
    record SignedTx(byte[] bytes, String hash) {}

    /** UNKNOWN: not in a block (maybe in the mempool); COMMITTED with its height and result code. */
    record TxStatus(boolean committed, long height, int code) {
        public static final TxStatus UNKNOWN = new TxStatus(false, 0, 0);
    }

    /** The ledger refused the transaction before a block (CheckTx or mempool); {@code code} is the ledger code's name. */
    final class Refused extends RuntimeException {
        private final String code;

        public Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The ledger could not be reached, or its answer did not verify: try again later. */
    final class ChainUnavailable extends RuntimeException {
        public ChainUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
