package io.zkgw.chainapp.app;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.crypto.Ed25519;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.CommitDataset;
import io.zkgw.chainapp.proto.CommitModel;
import io.zkgw.chainapp.proto.FulfillPrediction;
import io.zkgw.chainapp.proto.RegisterProvider;
import io.zkgw.chainapp.proto.RejectRequest;
import io.zkgw.chainapp.proto.RequestPrediction;
import io.zkgw.chainapp.proto.Transfer;
import io.zkgw.chainapp.proto.TxBody;
import java.nio.charset.StandardCharsets;

/** Test helper: one key pair and its next sequence number; builds signed transactions. */
public final class Wallet {
    public final byte[] seed;
    public final byte[] publicKey;
    public final byte[] address;
    private final String chainId;
    public long sequence;
    public long fee;

    public Wallet(String name, String chainId) {
        this.seed = Hashes.sha256(("wallet " + name).getBytes(StandardCharsets.UTF_8));
        this.publicKey = Ed25519.fromSeed(seed).publicKey();
        this.address = Transactions.address(publicKey);
        this.chainId = chainId;
    }

    public String hexAddress() {
        return Hashes.hex(address);
    }

    /** Signs a body with the next sequence and consumes it. */
    public byte[] sign(TxBody.Builder body) {
        byte[] tx = signAt(sequence, body);
        sequence++;
        return tx;
    }

    /** Signs with an explicit sequence (does not change the wallet's counter). */
    public byte[] signAt(long seq, TxBody.Builder body) {
        return Transactions.sign(chainId, body.setSignerPublicKey(ByteString.copyFrom(publicKey))
                .setSequence(seq).setFee(fee).build(), seed);
    }

    public static TxBody.Builder transfer(byte[] to, long amount) {
        return TxBody.newBuilder().setTransfer(Transfer.newBuilder().setTo(ByteString.copyFrom(to)).setAmount(amount));
    }

    public static TxBody.Builder registerProvider(String name, byte[] hpkeKey) {
        return TxBody.newBuilder().setRegisterProvider(
                RegisterProvider.newBuilder().setName(name).setHpkePublicKey(ByteString.copyFrom(hpkeKey)));
    }

    public static TxBody.Builder commitDataset(byte[] root, long records, byte[] schema) {
        return TxBody.newBuilder().setCommitDataset(CommitDataset.newBuilder()
                .setMerkleRoot(ByteString.copyFrom(root)).setRecordCount(records).setSchemaHash(ByteString.copyFrom(schema)));
    }

    /** Commits the breast-cancer MLP fixture ({@link ProvedModel#BC_MLP}): a real weights commitment and D. */
    public static TxBody.Builder commitModel(byte[] datasetId, long price) {
        return TxBody.newBuilder().setCommitModel(CommitModel.newBuilder()
                .setWeightsCommitment(ByteString.copyFrom(ProvedModel.BC_MLP.weightsCommitment()))
                .setCircuitDescription(ByteString.copyFrom(ProvedModel.BC_MLP.circuitDescription()))
                .setDatasetId(ByteString.copyFrom(datasetId))
                .setPrice(price)
                .setPolicyHash(ByteString.copyFrom(new byte[32])));
    }

    /** A request for row 0 of the breast-cancer test split, with real commitments. */
    public static TxBody.Builder requestPrediction(byte[] modelId, long fee, long deadline) {
        return requestPrediction(modelId, fee, deadline, DEFAULT_REQUEST);
    }

    private static final ProvedModel.Request DEFAULT_REQUEST = ProvedModel.BC_MLP.request(0, "default");

    public static TxBody.Builder requestPrediction(byte[] modelId, long fee, long deadline, ProvedModel.Request request) {
        return TxBody.newBuilder().setRequestPrediction(RequestPrediction.newBuilder()
                .setModelId(ByteString.copyFrom(modelId))
                .setFee(fee)
                .setInputCommitment(ByteString.copyFrom(request.inputCommitment()))
                .setMaskCommitment(ByteString.copyFrom(request.maskCommitment()))
                .setEncryptedPayload(ByteString.copyFromUtf8("hpke ciphertext"))
                .setDeadlineHeight(deadline));
    }

    public static TxBody.Builder reject(byte[] requestId, int reason) {
        return TxBody.newBuilder().setRejectRequest(
                RejectRequest.newBuilder().setRequestId(ByteString.copyFrom(requestId)).setReasonCode(reason));
    }

    public static TxBody.Builder fulfill(byte[] requestId, byte[] maskedOutput, byte[] proof) {
        return TxBody.newBuilder().setFulfillPrediction(FulfillPrediction.newBuilder()
                .setRequestId(ByteString.copyFrom(requestId))
                .setMaskedOutput(ByteString.copyFrom(maskedOutput))
                .setProof(ByteString.copyFrom(proof)));
    }
}
