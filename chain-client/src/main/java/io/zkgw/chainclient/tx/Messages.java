package io.zkgw.chainclient.tx;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.proto.CommitDataset;
import io.zkgw.chainapp.proto.CommitModel;
import io.zkgw.chainapp.proto.FulfillPrediction;
import io.zkgw.chainapp.proto.RecommitModel;
import io.zkgw.chainapp.proto.RegisterProvider;
import io.zkgw.chainapp.proto.RejectRequest;
import io.zkgw.chainapp.proto.RequestPrediction;
import io.zkgw.chainapp.proto.Transfer;
import io.zkgw.chainapp.proto.TxBody;

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

    public static TxBody.Builder recommitModel(ByteString modelId, ByteString weightsCommitment) {
        return TxBody.newBuilder().setRecommitModel(RecommitModel.newBuilder()
                .setModelId(modelId).setWeightsCommitment(weightsCommitment));
    }

    public static TxBody.Builder rejectRequest(ByteString requestId, int reasonCode) {
        return TxBody.newBuilder().setRejectRequest(RejectRequest.newBuilder().setRequestId(requestId).setReasonCode(reasonCode));
    }
}
