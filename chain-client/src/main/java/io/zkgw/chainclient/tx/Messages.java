package io.zkgw.chainclient.tx;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.proto.CommitDataset;
import io.zkgw.chainapp.proto.CommitModel;
import io.zkgw.chainapp.proto.FulfillPrediction;
import io.zkgw.chainapp.proto.FulfillPredictions;
import io.zkgw.chainapp.proto.RecommitModel;
import io.zkgw.chainapp.proto.RegisterProvider;
import io.zkgw.chainapp.proto.RejectRequest;
import io.zkgw.chainapp.proto.RequestPrediction;
import io.zkgw.chainapp.proto.Transfer;
import io.zkgw.chainapp.proto.TxBody;
import java.util.List;

/** Tx bodies for each ledger message (docs/chain.md, "Messages"); sign them with {@link TxSigner}. */
public final class Messages {
    private Messages() {}

    public static TxBody.Builder transfer(ByteString to, long amount) {
        return TxBody.newBuilder().setTransfer(Transfer.newBuilder().setTo(to).setAmount(amount));
    }

    public static TxBody.Builder registerProvider(String name, ByteString hpkePublicKey) {
        return TxBody.newBuilder().setRegisterProvider(RegisterProvider.newBuilder().setName(name).setHpkePublicKey(hpkePublicKey));
    }

    public static TxBody.Builder commitDataset(ByteString merkleRoot, long recordCount, ByteString schemaHash) {
        return TxBody.newBuilder().setCommitDataset(CommitDataset.newBuilder()
                .setMerkleRoot(merkleRoot).setRecordCount(recordCount).setSchemaHash(schemaHash));
    }

    public static TxBody.Builder commitModel(CommitModel model) {
        return TxBody.newBuilder().setCommitModel(model);
    }

    public static TxBody.Builder requestPrediction(RequestPrediction request) {
        return TxBody.newBuilder().setRequestPrediction(request);
    }

    /** A fulfilment whose proof was made against the model's commitment number {@code modelEpoch}. */
    public static TxBody.Builder fulfillPrediction(ByteString requestId, ByteString maskedOutput, ByteString proof, int modelEpoch) {
        return TxBody.newBuilder().setFulfillPrediction(FulfillPrediction.newBuilder()
                .setRequestId(requestId).setMaskedOutput(maskedOutput).setProof(proof).setModelEpoch(modelEpoch));
    }

    /**
     * One proof answering several requests of one model: {@code requestIds} and {@code maskedOutputs} pair
     * up in the proof's statement order.
     */
    public static TxBody.Builder fulfillPredictions(List<ByteString> requestIds, List<ByteString> maskedOutputs, ByteString proof,
            int modelEpoch) {
        if (requestIds.size() != maskedOutputs.size()) {
            throw new IllegalArgumentException(requestIds.size() + " request ids but " + maskedOutputs.size() + " masked outputs");
        }
        FulfillPredictions.Builder f = FulfillPredictions.newBuilder().setProof(proof).setModelEpoch(modelEpoch);
        for (int i = 0; i < requestIds.size(); i++) {
            f.addAnswers(FulfillPredictions.Answer.newBuilder().setRequestId(requestIds.get(i)).setMaskedOutput(maskedOutputs.get(i)));
        }
        return TxBody.newBuilder().setFulfillPredictions(f);
    }

    /** The next epoch of a model, with the epoch link from its latest commitment (same weights). */
    public static TxBody.Builder recommitModel(ByteString modelId, ByteString weightsCommitment, ByteString epochLink) {
        return TxBody.newBuilder().setRecommitModel(RecommitModel.newBuilder()
                .setModelId(modelId).setWeightsCommitment(weightsCommitment).setEpochLink(epochLink));
    }

    public static TxBody.Builder rejectRequest(ByteString requestId, int reasonCode) {
        return TxBody.newBuilder().setRejectRequest(RejectRequest.newBuilder().setRequestId(requestId).setReasonCode(reasonCode));
    }
}
