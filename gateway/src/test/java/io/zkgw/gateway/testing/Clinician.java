package io.zkgw.gateway.testing;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.proto.Account;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.RequestPrediction;
import io.zkgw.chainclient.query.LedgerPaths;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.TxRecord;
import io.zkgw.chainclient.tx.Messages;
import io.zkgw.chainclient.tx.TxBroadcaster;
import io.zkgw.chainclient.tx.TxSigner;
import io.zkgw.envelope.PublicRequest;
import java.net.URI;
import java.time.Duration;

/**
 * A clinician's ledger account in the end-to-end tests: sends RequestPrediction transactions (public
 * fields and envelope built by the test with envelope/'s RequestEnvelope) and reads the ledger.
 */
public final class Clinician implements AutoCloseable {
    private final CometRpcClient rpc;
    private final TxSigner signer;
    private final TxBroadcaster broadcaster;
    private final LedgerQueries queries;

    public Clinician(String rpcUrl, String chainId, byte[] seed) {
        this.rpc = new CometRpcClient(URI.create(rpcUrl), Duration.ofSeconds(20));
        this.signer = new TxSigner(chainId, seed);
        this.broadcaster = new TxBroadcaster(rpc);
        this.queries = new LedgerQueries(rpc);
    }

    public byte[] address() {
        return signer.address().toByteArray();
    }

    public long height() throws Exception {
        return rpc.latestHeight();
    }

    /** Sends the request and waits for its block; returns the included tx (its events name the request id). */
    public TxRecord send(PublicRequest pub, byte[] envelope) throws Exception {
        RequestPrediction rp = RequestPrediction.newBuilder()
                .setModelId(ByteString.copyFrom(pub.modelId()))
                .setFee(pub.fee())
                .setInputCommitment(ByteString.copyFrom(pub.inputCommitment()))
                .setMaskCommitment(ByteString.copyFrom(pub.maskCommitment()))
                .setEncryptedPayload(ByteString.copyFrom(envelope))
                .setDeadlineHeight(pub.deadlineHeight())
                .build();
        long seq = queries.account(signer.address()).sequence();
        return broadcaster.submitAndWait(signer.sign(Messages.requestPrediction(rp), seq, 1), Duration.ofSeconds(60));
    }

    public static String requestId(TxRecord tx) {
        return tx.result().attribute("prediction_requested", "request_id").orElseThrow();
    }

    public PredictionRequest request(String requestIdHex) throws Exception {
        var r = queries.read(LedgerPaths.REQUEST, java.util.HexFormat.of().parseHex(requestIdHex), false);
        return PredictionRequest.parseFrom(r.value());
    }

    public long balance(byte[] address) throws Exception {
        var r = queries.read(LedgerPaths.ACCOUNT, address, false);
        return r.value().isEmpty() ? 0 : Account.parseFrom(r.value()).getBalance();
    }

    @Override
    public void close() {
        rpc.close();
    }
}
