package io.zkgw.chainapp.app;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.zkgw.chainapp.crypto.Ed25519;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.Account;
import io.zkgw.chainapp.proto.CommitDataset;
import io.zkgw.chainapp.proto.CommitModel;
import io.zkgw.chainapp.proto.Dataset;
import io.zkgw.chainapp.proto.FulfillPrediction;
import io.zkgw.chainapp.proto.FulfillPredictions;
import io.zkgw.chainapp.proto.Model;
import io.zkgw.chainapp.proto.ModelEpoch;
import io.zkgw.chainapp.proto.Params;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.Provider;
import io.zkgw.chainapp.proto.RegisterProvider;
import io.zkgw.chainapp.proto.RecommitModel;
import io.zkgw.chainapp.proto.RejectRequest;
import io.zkgw.chainapp.proto.RequestPrediction;
import io.zkgw.chainapp.proto.RequestStatus;
import io.zkgw.chainapp.proto.Transfer;
import io.zkgw.chainapp.proto.Tx;
import io.zkgw.chainapp.proto.TxBody;
import io.zkgw.chainapp.store.SparseMerkleTree;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tendermint.abci.Types.Event;
import tendermint.abci.Types.EventAttribute;

/**
 * Runs one transaction against a {@link LedgerState}: decode, stateless checks, signature, the ante
 * step (sequence and fee), then the message. Deterministic: the outcome depends only on the state, the
 * tx bytes and the block height.
 *
 * <p>A tx rejected before the ante step changes nothing. In a block, a tx that passed the ante step
 * keeps its sequence increment and fee even when its message fails; in CheckTx a failure leaves the
 * mempool state untouched.
 */
final class TxExecutor {
    /** The outcome of one transaction. */
    record Result(Code code, String log, byte[] data, List<Event> events) {
        boolean ok() {
            return code == Code.OK;
        }
    }

    /** A decoded transaction that passed the stateless checks. */
    record Parsed(Tx tx, TxBody body, byte[] bodyBytes, byte[] publicKey, byte[] signer) {}

    private final FulfilmentVerifier verifier;

    TxExecutor(FulfilmentVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    Result run(LedgerState st, byte[] txBytes, long height, boolean deliver) {
        SparseMerkleTree before = st.tree();
        Parsed p;
        try {
            p = decode(txBytes);
            checkStateless(p.body());
        } catch (TxRejected e) {
            return fail(e);
        }
        String chainId = st.chainId();
        if (chainId == null) {
            return fail(new TxRejected(Code.NOT_READY, "no InitChain yet"));
        }
        if (!Ed25519.verify(p.publicKey(), Transactions.signBytes(chainId, p.bodyBytes()),
                p.tx().getSignature().toByteArray())) {
            return fail(new TxRejected(Code.BAD_SIGNATURE, "signature does not verify for chain " + chainId));
        }
        try {
            ante(st, p);
        } catch (TxRejected e) {
            st.reset(before);
            return fail(e);
        }
        SparseMerkleTree afterAnte = st.tree();
        List<Event> events = new ArrayList<>();
        try {
            byte[] data = execute(st, p, height, events);
            return new Result(Code.OK, "", data, List.copyOf(events));
        } catch (TxRejected e) {
            st.reset(deliver ? afterAnte : before);
            return fail(e);
        } catch (ArithmeticException e) {
            st.reset(deliver ? afterAnte : before);
            return fail(new TxRejected(Code.OVERFLOW, e.getMessage()));
        }
    }

    private static Result fail(TxRejected e) {
        return new Result(e.code(), e.getMessage(), new byte[0], List.of());
    }

    /** Decodes and checks the envelope; throws with TX_DECODE/TX_TOO_LARGE/INVALID_FIELD/BAD_SIGNATURE. */
    static Parsed decode(byte[] txBytes) throws TxRejected {
        if (txBytes.length > Limits.MAX_TX_BYTES) {
            throw new TxRejected(Code.TX_TOO_LARGE, txBytes.length + " > " + Limits.MAX_TX_BYTES + " bytes");
        }
        Tx tx;
        TxBody body;
        try {
            tx = Tx.parseFrom(txBytes);
            // unknown fields survive a re-encoding, so the byte comparison alone would let anyone append
            // one to a signed envelope: the same signed body under another tx hash
            if (!tx.getUnknownFields().asMap().isEmpty() || !Arrays.equals(tx.toByteArray(), txBytes)) {
                throw new TxRejected(Code.TX_DECODE, "Tx is not canonically encoded");
            }
            body = TxBody.parseFrom(tx.getBody());
        } catch (InvalidProtocolBufferException e) {
            throw new TxRejected(Code.TX_DECODE, "not a Tx: " + e.getMessage());
        }
        if (hasUnknownFields(body)) {
            throw new TxRejected(Code.TX_DECODE, "TxBody has fields this ledger version does not know");
        }
        if (tx.getSignature().size() != Ed25519.SIGNATURE_BYTES) {
            throw new TxRejected(Code.BAD_SIGNATURE, "signature must be 64 bytes");
        }
        byte[] pk = body.getSignerPublicKey().toByteArray();
        if (pk.length != Ed25519.PUBLIC_KEY_BYTES) {
            throw new TxRejected(Code.INVALID_FIELD, "signer_public_key must be 32 bytes");
        }
        return new Parsed(tx, body, tx.getBody().toByteArray(), pk, Transactions.address(pk));
    }

    private static boolean hasUnknownFields(Message m) {
        if (!m.getUnknownFields().asMap().isEmpty()) {
            return true;
        }
        for (Map.Entry<com.google.protobuf.Descriptors.FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            if (e.getValue() instanceof Message sub && hasUnknownFields(sub)) {
                return true;
            }
            // repeated message fields (FulfillPredictions.answers) come as a list
            if (e.getValue() instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof Message sub && hasUnknownFields(sub)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Field checks that need no state. */
    void checkStateless(TxBody b) throws TxRejected {
        requireU64(b.getFee(), "fee");
        if (b.getMemoBytes().size() > Limits.MAX_MEMO_BYTES) {
            throw invalid("memo longer than " + Limits.MAX_MEMO_BYTES + " bytes");
        }
        switch (b.getMsgCase()) {
            case TRANSFER -> {
                Transfer t = b.getTransfer();
                requireLen(t.getTo(), Transactions.ADDRESS_BYTES, "transfer.to");
                requirePositive(t.getAmount(), "transfer.amount");
            }
            case REGISTER_PROVIDER -> {
                RegisterProvider r = b.getRegisterProvider();
                String name = r.getName();
                int n = r.getNameBytes().size();
                if (n == 0 || n > Limits.MAX_NAME_BYTES || !name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                    throw invalid("register_provider.name must be 1.." + Limits.MAX_NAME_BYTES + " printable ASCII characters");
                }
                requireRange(r.getHpkePublicKey(), 1, Limits.MAX_HPKE_KEY_BYTES, "register_provider.hpke_public_key");
            }
            case COMMIT_DATASET -> {
                CommitDataset d = b.getCommitDataset();
                requireLen(d.getMerkleRoot(), 32, "commit_dataset.merkle_root");
                requireLen(d.getSchemaHash(), 32, "commit_dataset.schema_hash");
                requirePositive(d.getRecordCount(), "commit_dataset.record_count");
            }
            case COMMIT_MODEL -> {
                CommitModel m = b.getCommitModel();
                requireRange(m.getWeightsCommitment(), 1, Limits.MAX_WEIGHTS_COMMITMENT_BYTES, "commit_model.weights_commitment");
                requireRange(m.getCircuitDescription(), 1, Limits.MAX_CIRCUIT_BYTES, "commit_model.circuit_description");
                requireLen(m.getDatasetId(), Transactions.ID_BYTES, "commit_model.dataset_id");
                requireLen(m.getPolicyHash(), 32, "commit_model.policy_hash");
                requireU64(m.getPrice(), "commit_model.price");
                requireRange(m.getModelCard(), 0, Limits.MAX_MODEL_CARD_BYTES, "commit_model.model_card");
                InferenceStatements.checkModel(m.getWeightsCommitment(), m.getCircuitDescription());
            }
            case REQUEST_PREDICTION -> {
                RequestPrediction r = b.getRequestPrediction();
                requireLen(r.getModelId(), Transactions.ID_BYTES, "request_prediction.model_id");
                requireU64(r.getFee(), "request_prediction.fee");
                requireRange(r.getInputCommitment(), Limits.MIN_COMMITMENT_BYTES, Limits.MAX_COMMITMENT_BYTES,
                        "request_prediction.input_commitment");
                requireRange(r.getMaskCommitment(), Limits.MIN_COMMITMENT_BYTES, Limits.MAX_COMMITMENT_BYTES,
                        "request_prediction.mask_commitment");
                requireRange(r.getEncryptedPayload(), 1, Limits.MAX_PAYLOAD_BYTES, "request_prediction.encrypted_payload");
                InferenceStatements.checkCommitment(r.getInputCommitment(), "request_prediction.input_commitment");
                InferenceStatements.checkCommitment(r.getMaskCommitment(), "request_prediction.mask_commitment");
                requirePositive(r.getDeadlineHeight(), "request_prediction.deadline_height");
            }
            case FULFILL_PREDICTION -> {
                FulfillPrediction f = b.getFulfillPrediction();
                requireLen(f.getRequestId(), Transactions.ID_BYTES, "fulfill_prediction.request_id");
                requireRange(f.getMaskedOutput(), 1, Limits.MAX_MASKED_OUTPUT_BYTES, "fulfill_prediction.masked_output");
                requireRange(f.getProof(), 1, Limits.MAX_PROOF_BYTES, "fulfill_prediction.proof");
                InferenceStatements.checkMaskedOutput(f.getMaskedOutput(), "fulfill_prediction.masked_output");
            }
            case FULFILL_PREDICTIONS -> {
                FulfillPredictions f = b.getFulfillPredictions();
                int n = f.getAnswersCount();
                if (n < 1 || n > Limits.MAX_BATCH_ANSWERS) {
                    throw new TxRejected(Code.INVALID_FIELD, "fulfill_predictions.answers: " + n
                            + " answers, allowed 1.." + Limits.MAX_BATCH_ANSWERS);
                }
                Set<ByteString> seen = new HashSet<>();
                for (int i = 0; i < n; i++) {
                    FulfillPredictions.Answer a = f.getAnswers(i);
                    String field = "fulfill_predictions.answers[" + i + "]";
                    requireLen(a.getRequestId(), Transactions.ID_BYTES, field + ".request_id");
                    requireRange(a.getMaskedOutput(), 1, Limits.MAX_MASKED_OUTPUT_BYTES, field + ".masked_output");
                    InferenceStatements.checkMaskedOutput(a.getMaskedOutput(), field + ".masked_output");
                    if (!seen.add(a.getRequestId())) {
                        throw new TxRejected(Code.INVALID_FIELD, field + ".request_id: request "
                                + Hashes.hex(a.getRequestId().toByteArray()) + " is answered twice");
                    }
                }
                requireRange(f.getProof(), 1, Limits.MAX_PROOF_BYTES, "fulfill_predictions.proof");
            }
            case REJECT_REQUEST -> requireLen(b.getRejectRequest().getRequestId(), Transactions.ID_BYTES,
                    "reject_request.request_id");
            case RECOMMIT_MODEL -> {
                RecommitModel m = b.getRecommitModel();
                requireLen(m.getModelId(), Transactions.ID_BYTES, "recommit_model.model_id");
                requireRange(m.getWeightsCommitment(), 1, Limits.MAX_WEIGHTS_COMMITMENT_BYTES, "recommit_model.weights_commitment");
                requireRange(m.getEpochLink(), 1, Limits.MAX_EPOCH_LINK_BYTES, "recommit_model.epoch_link");
                InferenceStatements.checkRecommit(m.getWeightsCommitment());
            }
            case MSG_NOT_SET -> throw new TxRejected(Code.UNKNOWN_MESSAGE, "no message in the transaction body");
        }
    }

    /** Sequence, fee and public key binding. */
    private static void ante(LedgerState st, Parsed p) throws TxRejected {
        Account acct = st.account(p.signer());
        if (!acct.getPublicKey().isEmpty() && !Arrays.equals(acct.getPublicKey().toByteArray(), p.publicKey())) {
            throw new TxRejected(Code.UNAUTHORIZED, "public key does not match the account");
        }
        if (p.body().getSequence() != acct.getSequence()) {
            throw new TxRejected(Code.WRONG_SEQUENCE, "expected sequence " + Long.toUnsignedString(acct.getSequence())
                    + ", got " + Long.toUnsignedString(p.body().getSequence()));
        }
        long fee = p.body().getFee();
        Params params = st.params();
        if (Long.compareUnsigned(fee, params.getMinTxFee()) < 0) {
            throw new TxRejected(Code.FEE_TOO_LOW, "fee " + fee + " < minimum " + params.getMinTxFee());
        }
        if (acct.getBalance() < fee) {
            throw new TxRejected(Code.INSUFFICIENT_FUNDS, "balance " + acct.getBalance() + " < fee " + fee);
        }
        st.setAccount(p.signer(), acct.toBuilder()
                .setSequence(acct.getSequence() + 1)
                .setBalance(acct.getBalance() - fee)
                .setPublicKey(ByteString.copyFrom(p.publicKey()))
                .build());
        if (fee != 0) {
            st.setFeePool(Math.addExact(st.feePool(), fee));
        }
    }

    private byte[] execute(LedgerState st, Parsed p, long height, List<Event> events) throws TxRejected {
        TxBody b = p.body();
        byte[] signer = p.signer();
        String action = switch (b.getMsgCase()) {
            case TRANSFER -> "transfer";
            case REGISTER_PROVIDER -> "register_provider";
            case COMMIT_DATASET -> "commit_dataset";
            case COMMIT_MODEL -> "commit_model";
            case REQUEST_PREDICTION -> "request_prediction";
            case FULFILL_PREDICTION -> "fulfill_prediction";
            case FULFILL_PREDICTIONS -> "fulfill_predictions";
            case REJECT_REQUEST -> "reject_request";
            case RECOMMIT_MODEL -> "recommit_model";
            case MSG_NOT_SET -> throw new TxRejected(Code.UNKNOWN_MESSAGE, "no message");
        };
        events.add(event("message", "action", action, "sender", Hashes.hex(signer),
                "sequence", Long.toUnsignedString(b.getSequence())));
        return switch (b.getMsgCase()) {
            case TRANSFER -> transfer(st, signer, b.getTransfer(), events);
            case REGISTER_PROVIDER -> registerProvider(st, signer, b.getRegisterProvider(), height, events);
            case COMMIT_DATASET -> commitDataset(st, signer, b.getSequence(), b.getCommitDataset(), height, events);
            case COMMIT_MODEL -> commitModel(st, signer, b.getSequence(), b.getCommitModel(), height, events);
            case REQUEST_PREDICTION -> requestPrediction(st, signer, b.getSequence(), b.getRequestPrediction(), height, events);
            case FULFILL_PREDICTION -> fulfill(st, signer, b.getFulfillPrediction(), height, events);
            case FULFILL_PREDICTIONS -> fulfillBatch(st, signer, b.getFulfillPredictions(), height, events);
            case REJECT_REQUEST -> reject(st, signer, b.getRejectRequest(), height, events);
            case RECOMMIT_MODEL -> recommitModel(st, signer, b.getRecommitModel(), height, events);
            case MSG_NOT_SET -> throw new TxRejected(Code.UNKNOWN_MESSAGE, "no message");
        };
    }

    private static byte[] transfer(LedgerState st, byte[] from, Transfer t, List<Event> events) throws TxRejected {
        byte[] to = t.getTo().toByteArray();
        long amount = t.getAmount();
        debit(st, from, amount);
        credit(st, to, amount);
        events.add(event("transfer", "sender", Hashes.hex(from), "recipient", Hashes.hex(to),
                "amount", Long.toString(amount)));
        return new byte[0];
    }

    private static byte[] registerProvider(LedgerState st, byte[] signer, RegisterProvider r, long height, List<Event> events)
            throws TxRejected {
        if (st.provider(signer) != null) {
            throw new TxRejected(Code.ALREADY_EXISTS, "provider " + Hashes.hex(signer) + " is already registered");
        }
        st.setProvider(signer, Provider.newBuilder()
                .setName(r.getName())
                .setHpkePublicKey(r.getHpkePublicKey())
                .setRegisteredHeight(height)
                .build());
        events.add(event("provider_registered", "provider", Hashes.hex(signer), "name", r.getName()));
        return new byte[0];
    }

    private static byte[] commitDataset(LedgerState st, byte[] signer, long seq, CommitDataset d, long height,
            List<Event> events) throws TxRejected {
        requireProvider(st, signer);
        byte[] id = Transactions.datasetId(signer, seq);
        st.setDataset(id, Dataset.newBuilder()
                .setProvider(ByteString.copyFrom(signer))
                .setMerkleRoot(d.getMerkleRoot())
                .setRecordCount(d.getRecordCount())
                .setSchemaHash(d.getSchemaHash())
                .setHeight(height)
                .build());
        events.add(event("dataset_committed", "dataset_id", Hashes.hex(id), "provider", Hashes.hex(signer),
                "merkle_root", Hashes.hex(d.getMerkleRoot().toByteArray()),
                "record_count", Long.toUnsignedString(d.getRecordCount())));
        return id;
    }

    private static byte[] commitModel(LedgerState st, byte[] signer, long seq, CommitModel m, long height,
            List<Event> events) throws TxRejected {
        requireProvider(st, signer);
        byte[] datasetId = m.getDatasetId().toByteArray();
        Dataset ds = st.dataset(datasetId);
        if (ds == null) {
            throw new TxRejected(Code.NOT_FOUND, "dataset " + Hashes.hex(datasetId) + " does not exist");
        }
        if (!Arrays.equals(ds.getProvider().toByteArray(), signer)) {
            throw new TxRejected(Code.UNAUTHORIZED, "dataset " + Hashes.hex(datasetId) + " belongs to another provider");
        }
        byte[] id = Transactions.modelId(signer, seq);
        st.setModel(id, Model.newBuilder()
                .setProvider(ByteString.copyFrom(signer))
                .setWeightsCommitment(m.getWeightsCommitment())
                .setCircuitDescription(m.getCircuitDescription())
                .setDatasetId(m.getDatasetId())
                .setPrice(m.getPrice())
                .setPolicyHash(m.getPolicyHash())
                .setHeight(height)
                .setModelCard(m.getModelCard())
                .setEpoch(0)
                .build());
        int budget = InferenceStatements.proofBudget(m.getWeightsCommitment());
        st.setModelEpoch(id, 0, ModelEpoch.newBuilder()
                .setWeightsCommitment(m.getWeightsCommitment())
                .setProofBudget(budget)
                .setHeight(height)
                .build());
        events.add(event("model_committed", "model_id", Hashes.hex(id), "provider", Hashes.hex(signer),
                "dataset_id", Hashes.hex(datasetId), "price", Long.toString(m.getPrice()),
                "epoch", "0", "proof_budget", Integer.toString(budget)));
        return id;
    }

    /**
     * The next epoch of a model: a new commitment to the same circuit and, by its epoch link, to the same
     * weights as the latest one (C_W hides them; the link proves equality without revealing them). Also
     * enforced: the owner, and that the commitment differs from the latest one (the same C_W again would
     * reopen a spent budget). Each epoch is linked from its predecessor once and to its successor once,
     * the two openings its padding holds beyond K proofs.
     */
    private static byte[] recommitModel(LedgerState st, byte[] signer, RecommitModel r, long height,
            List<Event> events) throws TxRejected {
        byte[] id = r.getModelId().toByteArray();
        Model model = st.model(id);
        if (model == null) {
            throw new TxRejected(Code.NOT_FOUND, "model " + Hashes.hex(id) + " does not exist");
        }
        if (!Arrays.equals(model.getProvider().toByteArray(), signer)) {
            throw new TxRejected(Code.UNAUTHORIZED, "model " + Hashes.hex(id) + " belongs to another provider");
        }
        InferenceStatements.checkSameCircuit(r.getWeightsCommitment(), model.getWeightsCommitment());
        if (r.getWeightsCommitment().equals(model.getWeightsCommitment())) {
            throw new TxRejected(Code.ALREADY_EXISTS, "recommit_model.weights_commitment is the model's latest commitment");
        }
        if (model.getEpoch() == -1) {
            throw new TxRejected(Code.OVERFLOW, "model " + Hashes.hex(id) + " has used every epoch number");
        }
        InferenceStatements.checkEpochLink(model, r.getWeightsCommitment(), r.getEpochLink());
        int epoch = model.getEpoch() + 1;
        int budget = InferenceStatements.proofBudget(r.getWeightsCommitment());
        st.setModel(id, model.toBuilder().setWeightsCommitment(r.getWeightsCommitment()).setEpoch(epoch).build());
        st.setModelEpoch(id, epoch, ModelEpoch.newBuilder()
                .setWeightsCommitment(r.getWeightsCommitment())
                .setProofBudget(budget)
                .setHeight(height)
                .build());
        events.add(event("model_recommitted", "model_id", Hashes.hex(id), "provider", Hashes.hex(signer),
                "epoch", Integer.toUnsignedString(epoch), "proof_budget", Integer.toString(budget)));
        return ByteBuffer.allocate(4).putInt(epoch).array();
    }

    private static byte[] requestPrediction(LedgerState st, byte[] signer, long seq, RequestPrediction r, long height,
            List<Event> events) throws TxRejected {
        byte[] modelId = r.getModelId().toByteArray();
        Model model = st.model(modelId);
        if (model == null) {
            throw new TxRejected(Code.NOT_FOUND, "model " + Hashes.hex(modelId) + " does not exist");
        }
        long fee = r.getFee();
        if (fee < model.getPrice()) {
            throw new TxRejected(Code.FEE_BELOW_PRICE, "fee " + fee + " < model price " + model.getPrice());
        }
        long deadline = r.getDeadlineHeight();
        long maxAhead = st.params().getMaxDeadlineBlocks();
        if (deadline <= height || deadline - height > maxAhead) {
            throw new TxRejected(Code.INVALID_DEADLINE, "deadline " + deadline + " must be in (" + height + ", "
                    + Math.addExact(height, maxAhead) + "]");
        }
        debit(st, signer, fee);
        st.setEscrow(Math.addExact(st.escrow(), fee));
        byte[] id = Transactions.requestId(signer, seq);
        byte[] provider = model.getProvider().toByteArray();
        st.setRequest(id, PredictionRequest.newBuilder()
                .setRequester(ByteString.copyFrom(signer))
                .setProvider(model.getProvider())
                .setModelId(r.getModelId())
                .setFee(fee)
                .setInputCommitment(r.getInputCommitment())
                .setMaskCommitment(r.getMaskCommitment())
                .setEncryptedPayload(r.getEncryptedPayload())
                .setDeadlineHeight(deadline)
                .setHeight(height)
                .setStatus(RequestStatus.REQUEST_STATUS_PENDING)
                .build());
        byte[] queue = st.expiring(deadline);
        st.setExpiring(deadline, StateKeys.concat(queue, id));
        events.add(event("prediction_requested", "request_id", Hashes.hex(id), "requester", Hashes.hex(signer),
                "provider", Hashes.hex(provider), "model", Hashes.hex(modelId), "fee", Long.toString(fee),
                "deadline_height", Long.toString(deadline)));
        return id;
    }

    private byte[] fulfill(LedgerState st, byte[] signer, FulfillPrediction f, long height, List<Event> events)
            throws TxRejected {
        byte[] id = f.getRequestId().toByteArray();
        PredictionRequest req = pendingRequestOf(st, id, signer);
        byte[] modelId = req.getModelId().toByteArray();
        Model model = modelOf(st, id, modelId);
        int epoch = f.getModelEpoch();
        ModelEpoch commitment = epochWithBudget(st, modelId, epoch);
        verify(FulfilmentVerifier.Claim.single(modelId, commitment.getWeightsCommitment().toByteArray(),
                model.getCircuitDescription().toByteArray(), id.clone(), req.getInputCommitment().toByteArray(),
                req.getMaskCommitment().toByteArray(), f.getMaskedOutput().toByteArray(), f.getProof().toByteArray()),
                "the proof for request " + Hashes.hex(id));
        spendProof(st, modelId, epoch, commitment);
        answer(st, signer, id, req, epoch, commitment, f.getMaskedOutput(), height, 1, events);
        return new byte[0];
    }

    /**
     * FulfillPredictions: one proof for several requests of one model. Every answer must name an existing
     * request of the signer for the same model (else the whole tx is refused); those no longer pending are
     * skipped, the rest fulfilled, and the epoch's budget pays one proof.
     */
    private byte[] fulfillBatch(LedgerState st, byte[] signer, FulfillPredictions f, long height, List<Event> events)
            throws TxRejected {
        int n = f.getAnswersCount();
        List<PredictionRequest> reqs = new ArrayList<>(n);
        List<FulfilmentVerifier.Answer> answers = new ArrayList<>(n);
        byte[] modelId = null;
        int pending = 0;
        for (int i = 0; i < n; i++) {
            FulfillPredictions.Answer a = f.getAnswers(i);
            byte[] id = a.getRequestId().toByteArray();
            PredictionRequest req = requestOf(st, id, signer, "fulfill_predictions.answers[" + i + "]: ");
            byte[] m = req.getModelId().toByteArray();
            if (modelId == null) {
                modelId = m;
            } else if (!Arrays.equals(modelId, m)) {
                throw new TxRejected(Code.INVALID_FIELD, "fulfill_predictions.answers[" + i + "]: request " + Hashes.hex(id)
                        + " names model " + Hashes.hex(m) + ", the first answer's names " + Hashes.hex(modelId));
            }
            if (req.getStatus() == RequestStatus.REQUEST_STATUS_PENDING) {
                pending++;
            }
            reqs.add(req);
            answers.add(new FulfilmentVerifier.Answer(id, req.getInputCommitment().toByteArray(),
                    req.getMaskCommitment().toByteArray(), a.getMaskedOutput().toByteArray()));
        }
        if (pending == 0) {
            throw new TxRejected(Code.REQUEST_NOT_PENDING, "none of the " + n + " answered requests is pending");
        }
        Model model = modelOf(st, answers.get(0).requestId(), modelId);
        int epoch = f.getModelEpoch();
        ModelEpoch commitment = epochWithBudget(st, modelId, epoch);
        verify(new FulfilmentVerifier.Claim(modelId, commitment.getWeightsCommitment().toByteArray(),
                model.getCircuitDescription().toByteArray(), answers, f.getProof().toByteArray()),
                "the batch proof for " + n + " requests");
        spendProof(st, modelId, epoch, commitment);
        for (int i = 0; i < n; i++) {
            PredictionRequest req = reqs.get(i);
            byte[] id = answers.get(i).requestId();
            if (req.getStatus() != RequestStatus.REQUEST_STATUS_PENDING) {
                events.add(event("prediction_skipped", "request_id", Hashes.hex(id), "provider", Hashes.hex(signer),
                        "status", req.getStatus().name()));
                continue;
            }
            answer(st, signer, id, req, epoch, commitment, f.getAnswers(i).getMaskedOutput(), height, n, events);
        }
        return new byte[0];
    }

    private static Model modelOf(LedgerState st, byte[] requestId, byte[] modelId) {
        Model model = st.model(modelId);
        if (model == null) {
            throw new IllegalStateException("request " + Hashes.hex(requestId) + " names a missing model");
        }
        return model;
    }

    /** The epoch, if it exists and has a proof left: checked before verifying, so a spent epoch's proofs are refused whatever they prove. */
    private static ModelEpoch epochWithBudget(LedgerState st, byte[] modelId, int epoch) throws TxRejected {
        ModelEpoch commitment = st.modelEpoch(modelId, epoch);
        if (commitment == null) {
            throw new TxRejected(Code.NOT_FOUND, "model " + Hashes.hex(modelId) + " has no epoch "
                    + Integer.toUnsignedString(epoch));
        }
        if (Integer.compareUnsigned(commitment.getProofsUsed(), commitment.getProofBudget()) >= 0) {
            throw new TxRejected(Code.MODEL_BUDGET_SPENT, "model " + Hashes.hex(modelId) + " epoch "
                    + Integer.toUnsignedString(epoch) + " has taken its " + commitment.getProofBudget() + " proofs");
        }
        return commitment;
    }

    private void verify(FulfilmentVerifier.Claim claim, String what) throws TxRejected {
        try {
            verifier.verify(claim);
        } catch (FulfilmentVerifier.InvalidProof e) {
            throw new TxRejected(Code.PROOF_INVALID, what + " does not verify: " + e.getMessage());
        } catch (RuntimeException e) {
            // a verifier bug must not halt the chain; every validator reaches the same verdict
            throw new TxRejected(Code.PROOF_INVALID, what + " does not verify: verifier error " + e.getClass().getSimpleName());
        }
    }

    private static void spendProof(LedgerState st, byte[] modelId, int epoch, ModelEpoch commitment) {
        st.setModelEpoch(modelId, epoch, commitment.toBuilder().setProofsUsed(commitment.getProofsUsed() + 1).build());
    }

    /** Closes a pending request as fulfilled with z and pays its fee to the provider. */
    private static void answer(LedgerState st, byte[] signer, byte[] id, PredictionRequest req, int epoch, ModelEpoch commitment,
            ByteString maskedOutput, long height, int batchSize, List<Event> events) {
        PredictionRequest answered = req.toBuilder()
                .setModelEpoch(epoch)
                .setWeightsCommitment(commitment.getWeightsCommitment())
                .build();
        close(st, id, answered, RequestStatus.REQUEST_STATUS_FULFILLED, 0, maskedOutput, height);
        credit(st, signer, req.getFee());
        events.add(event("prediction_fulfilled", "request_id", Hashes.hex(id), "provider", Hashes.hex(signer),
                "requester", Hashes.hex(req.getRequester().toByteArray()), "fee", Long.toString(req.getFee()),
                "model_epoch", Integer.toUnsignedString(epoch), "batch_size", Integer.toString(batchSize)));
    }

    private static byte[] reject(LedgerState st, byte[] signer, RejectRequest r, long height, List<Event> events)
            throws TxRejected {
        byte[] id = r.getRequestId().toByteArray();
        PredictionRequest req = pendingRequestOf(st, id, signer);
        byte[] requester = req.getRequester().toByteArray();
        close(st, id, req, RequestStatus.REQUEST_STATUS_REJECTED, r.getReasonCode(), ByteString.EMPTY, height);
        credit(st, requester, req.getFee());
        events.add(event("prediction_rejected", "request_id", Hashes.hex(id), "provider", Hashes.hex(signer),
                "requester", Hashes.hex(requester), "reason_code", Integer.toUnsignedString(r.getReasonCode()),
                "refund", Long.toString(req.getFee())));
        return new byte[0];
    }

    /** Refunds every request still pending whose deadline is {@code height}; returns the block events. */
    static List<Event> expire(LedgerState st, long height) {
        byte[] ids = st.expiring(height);
        if (ids.length == 0) {
            return List.of();
        }
        List<Event> events = new ArrayList<>();
        for (int off = 0; off + Transactions.ID_BYTES <= ids.length; off += Transactions.ID_BYTES) {
            byte[] id = Arrays.copyOfRange(ids, off, off + Transactions.ID_BYTES);
            PredictionRequest req = st.request(id);
            if (req == null || req.getStatus() != RequestStatus.REQUEST_STATUS_PENDING) {
                continue;
            }
            byte[] requester = req.getRequester().toByteArray();
            st.setRequest(id, req.toBuilder()
                    .setStatus(RequestStatus.REQUEST_STATUS_EXPIRED)
                    .clearEncryptedPayload()
                    .setClosedHeight(height)
                    .build());
            st.setEscrow(st.escrow() - req.getFee());
            credit(st, requester, req.getFee());
            events.add(event("prediction_expired", "request_id", Hashes.hex(id), "requester", Hashes.hex(requester),
                    "provider", Hashes.hex(req.getProvider().toByteArray()), "refund", Long.toString(req.getFee())));
        }
        st.setExpiring(height, new byte[0]);
        return events;
    }

    private static PredictionRequest pendingRequestOf(LedgerState st, byte[] id, byte[] provider) throws TxRejected {
        PredictionRequest req = requestOf(st, id, provider, "");
        if (req.getStatus() != RequestStatus.REQUEST_STATUS_PENDING) {
            throw new TxRejected(Code.REQUEST_NOT_PENDING, "request " + Hashes.hex(id) + " is " + req.getStatus());
        }
        return req;
    }

    /** The request, which must exist and be addressed to {@code provider}; {@code where} prefixes a refusal's log. */
    private static PredictionRequest requestOf(LedgerState st, byte[] id, byte[] provider, String where) throws TxRejected {
        PredictionRequest req = st.request(id);
        if (req == null) {
            throw new TxRejected(Code.NOT_FOUND, where + "request " + Hashes.hex(id) + " does not exist");
        }
        if (!Arrays.equals(req.getProvider().toByteArray(), provider)) {
            throw new TxRejected(Code.UNAUTHORIZED, where + "request " + Hashes.hex(id) + " is addressed to another provider");
        }
        return req;
    }

    /** Marks a pending request closed, drops its payload, releases the escrow and unschedules its expiry. */
    private static void close(LedgerState st, byte[] id, PredictionRequest req, RequestStatus status, int reason,
            ByteString maskedOutput, long height) {
        st.setRequest(id, req.toBuilder()
                .setStatus(status)
                .setRejectReason(reason)
                .setMaskedOutput(maskedOutput)
                .clearEncryptedPayload()
                .setClosedHeight(height)
                .build());
        st.setEscrow(st.escrow() - req.getFee());
        long deadline = req.getDeadlineHeight();
        byte[] queue = st.expiring(deadline);
        byte[] rest = new byte[Math.max(0, queue.length - Transactions.ID_BYTES)];
        int w = 0;
        for (int off = 0; off + Transactions.ID_BYTES <= queue.length; off += Transactions.ID_BYTES) {
            if (Arrays.equals(queue, off, off + Transactions.ID_BYTES, id, 0, Transactions.ID_BYTES)) {
                continue;
            }
            if (w + Transactions.ID_BYTES > rest.length) {
                return; // not queued (cannot happen for a pending request); leave the queue as it is
            }
            System.arraycopy(queue, off, rest, w, Transactions.ID_BYTES);
            w += Transactions.ID_BYTES;
        }
        st.setExpiring(deadline, Arrays.copyOf(rest, w));
    }

    private static void requireProvider(LedgerState st, byte[] signer) throws TxRejected {
        if (st.provider(signer) == null) {
            throw new TxRejected(Code.NOT_A_PROVIDER, Hashes.hex(signer) + " is not a registered provider");
        }
    }

    private static void debit(LedgerState st, byte[] address, long amount) throws TxRejected {
        Account a = st.account(address);
        if (a.getBalance() < amount) {
            throw new TxRejected(Code.INSUFFICIENT_FUNDS, "balance " + a.getBalance() + " < " + amount);
        }
        st.setAccount(address, a.toBuilder().setBalance(a.getBalance() - amount).build());
    }

    private static void credit(LedgerState st, byte[] address, long amount) {
        Account a = st.account(address);
        st.setAccount(address, a.toBuilder().setBalance(Math.addExact(a.getBalance(), amount)).build());
    }

    private static TxRejected invalid(String log) {
        return new TxRejected(Code.INVALID_FIELD, log);
    }

    private static void requireLen(ByteString b, int len, String field) throws TxRejected {
        if (b.size() != len) {
            throw invalid(field + " must be " + len + " bytes, got " + b.size());
        }
    }

    private static void requireRange(ByteString b, int min, int max, String field) throws TxRejected {
        if (b.size() < min || b.size() > max) {
            throw invalid(field + " must be " + min + ".." + max + " bytes, got " + b.size());
        }
    }

    /** Amounts are uint64 on the wire but limited to 2^63-1 (the total supply is). */
    private static void requireU64(long v, String field) throws TxRejected {
        if (v < 0) {
            throw invalid(field + " exceeds 2^63-1");
        }
    }

    private static void requirePositive(long v, String field) throws TxRejected {
        if (v <= 0) {
            throw invalid(field + " must be between 1 and 2^63-1");
        }
    }

    static Event event(String type, String... kv) {
        Event.Builder e = Event.newBuilder().setType(type);
        for (int i = 0; i < kv.length; i += 2) {
            e.addAttributes(EventAttribute.newBuilder().setKey(kv[i]).setValue(kv[i + 1]).setIndex(true));
        }
        return e.build();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
