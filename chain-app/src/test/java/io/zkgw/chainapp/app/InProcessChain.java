package io.zkgw.chainapp.app;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import tendermint.abci.Types.RequestCheckTx;
import tendermint.abci.Types.RequestFinalizeBlock;
import tendermint.abci.Types.RequestInitChain;
import tendermint.abci.Types.ResponseCheckTx;
import tendermint.abci.Types.ResponseFinalizeBlock;

/**
 * Test driver that plays CometBFT's consensus-connection calls against one application instance in
 * the same JVM (InitChain, then FinalizeBlock + Commit per block). For unit and determinism tests;
 * the integration tests run a real CometBFT node instead.
 */
public final class InProcessChain implements AutoCloseable {
    public final String chainId;
    private final Path dir;
    private final FulfilmentVerifier verifier;
    public ZkgwApplication app;
    private long height;

    /** A chain whose fulfilments are checked by the ledger's own verifier ({@link InferenceProofVerifier}). */
    public InProcessChain(Path dir, String chainId, String appStateJson) throws IOException {
        this(dir, chainId, appStateJson, new InferenceProofVerifier());
    }

    public InProcessChain(Path dir, String chainId, String appStateJson, FulfilmentVerifier verifier) throws IOException {
        this.dir = dir;
        this.chainId = chainId;
        this.verifier = verifier;
        this.app = new ZkgwApplication(dir, verifier);
        app.initChain(RequestInitChain.newBuilder()
                .setChainId(chainId)
                .setInitialHeight(1)
                .setAppStateBytes(ByteString.copyFromUtf8(appStateJson))
                .build());
    }

    public long height() {
        return height;
    }

    public ResponseCheckTx check(byte[] tx) {
        return app.checkTx(RequestCheckTx.newBuilder().setTx(ByteString.copyFrom(tx)).build());
    }

    /** Finalizes and commits one block with {@code txs}; returns the FinalizeBlock response. */
    public ResponseFinalizeBlock block(List<byte[]> txs) {
        height++;
        RequestFinalizeBlock.Builder req = RequestFinalizeBlock.newBuilder()
                .setHeight(height)
                .setTime(Timestamp.newBuilder().setSeconds(1_700_000_000L + height));
        for (byte[] tx : txs) {
            req.addTxs(ByteString.copyFrom(tx));
        }
        ResponseFinalizeBlock res = app.finalizeBlock(req.build());
        app.commit();
        return res;
    }

    public ResponseFinalizeBlock block(byte[]... txs) {
        return block(List.of(txs));
    }

    /** Closes and reopens the application from its data directory (a restart). */
    public void restart() throws IOException {
        app.close();
        app = new ZkgwApplication(dir, verifier);
        height = app.height();
    }

    public LedgerState state() {
        return app.committedState();
    }

    @Override
    public void close() {
        app.close();
    }
}
