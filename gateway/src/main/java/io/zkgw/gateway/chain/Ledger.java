package io.zkgw.gateway.chain;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the gateway needs from the ledger. {@link CometLedger} implements it with chain-client/; when no
 * ledger is configured ({@link #configured()} false) jobs wait at PROVED / REJECTED and nothing is
 * published.
 *
 * <p>Submission is idempotent by construction: a caller records the signed transaction (bytes and hash)
 * before the first broadcast, and after a restart asks {@link #status} for that hash and sends the same
 * bytes again if needed. The same bytes have the same hash, and the ledger's sequence numbers make a
 * signed transaction usable once, so a resend never executes twice. Sign, record and broadcast run inside
 * {@link #inOrder} so that transactions reach the mempool in sequence order.
 */
public interface Ledger {
    /** Whether a ledger is configured at all. */
    boolean configured();

    /** The provider account's address (40 lower-case hex digits). */
    String address();

    /** Signs a FulfillPrediction for the request (hex id) with the masked output and a proof against the model's commitment {@code modelEpoch}. */
    SignedTx fulfil(String requestId, byte[] maskedOutput, byte[] proof, int modelEpoch);

    /** FulfillPredictions: one batch proof answering the requests in order, each with its masked output. */
    SignedTx fulfilBatch(List<String> requestIds, List<byte[]> maskedOutputs, byte[] proof, int modelEpoch);

    /** Signs a RejectRequest with the reason code (docs/chain.md: 1 policy, 2 decryption, 3 commitment, 5 model). */
    SignedTx reject(String requestId, int reasonCode);

    /** Signs RegisterProvider: the signer becomes a provider that requests can be encrypted to. */
    SignedTx registerProvider(String name, byte[] hpkePublicKey);

    /** Signs CommitDataset; the returned id is the one the ledger will give the dataset. */
    SignedCommit commitDataset(byte[] merkleRoot, long recordCount, byte[] schemaHash);

    /** Signs CommitModel; the returned id is the one the ledger will give the model. */
    SignedCommit commitModel(ModelCommit model);

    /** Signs RecommitModel: the model's next commitment epoch (same circuit, a fresh C_W and proof budget). */
    SignedTx recommitModel(byte[] chainModelId, byte[] weightsCommitment, byte[] epochLink);

    /**
     * The model's latest epoch on the ledger and the commitment of epoch {@code epoch} if it exists, read
     * with state proofs; empty if the model is not on the ledger.
     */
    Optional<ModelEpochs> modelEpochs(byte[] chainModelId, int epoch);

    /** The ledger's view of a model's epochs: its latest epoch, and one epoch's commitment if it exists. */
    record ModelEpochs(int latest, Optional<byte[]> commitment) {}

    /** Runs sign → record → broadcast as one step, in the order of the signer's sequence numbers. */
    <T> T inOrder(Supplier<T> work);

    /** Sends signed bytes to the mempool; sending bytes the ledger already has is not an error. */
    void broadcast(SignedTx tx);

    /** Where a transaction is, by hash (inclusion checked by the light client). */
    TxStatus status(String txHash);

    /**
     * The node's latest height. Not verified: it is only used to give up early on a request whose deadline
     * has passed (the ledger itself refuses a late fulfilment), never to decide that something happened.
     */
    long latestHeight();

    /** A prediction request as the ledger's state holds it, read with a state proof. */
    Optional<ChainRequest> request(String requestId);

    /**
     * {@link #request} for many ids, in their order: each still read with a state proof, but read
     * together, so an implementation can verify one header for the whole group.
     */
    default List<Optional<ChainRequest>> requests(List<String> requestIds) {
        return requestIds.stream().map(this::request).toList();
    }

    /** Our provider record's HPKE public key on the ledger, read with a state proof; empty if not a provider. */
    Optional<byte[]> registeredProviderKey();

    /** A signed transaction and its hash (hex, as CometBFT reports it). */
    record SignedTx(byte[] bytes, String hash) {}

    /** A signed commitment transaction and the ledger id it creates. */
    record SignedCommit(SignedTx tx, byte[] id) {}

    /** CommitModel's fields (docs/chain.md). */
    record ModelCommit(byte[] weightsCommitment, byte[] circuitDescription, byte[] datasetId, long price,
                       byte[] policyHash, byte[] card) {}

    /** UNKNOWN: not in a block (maybe in the mempool); COMMITTED with its height, result code and code name. */
    record TxStatus(boolean committed, long height, int code, String codeName) {
        public static final TxStatus UNKNOWN = new TxStatus(false, 0, 0, "");
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
