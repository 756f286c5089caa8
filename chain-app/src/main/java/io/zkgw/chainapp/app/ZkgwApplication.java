package io.zkgw.chainapp.app;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.abci.AbciApplication;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.SmtProof;
import io.zkgw.chainapp.store.CommittedStore;
import io.zkgw.chainapp.store.SparseMerkleTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tendermint.abci.Types.ExecTxResult;
import tendermint.abci.Types.RequestCheckTx;
import tendermint.abci.Types.RequestFinalizeBlock;
import tendermint.abci.Types.RequestInfo;
import tendermint.abci.Types.RequestInitChain;
import tendermint.abci.Types.RequestPrepareProposal;
import tendermint.abci.Types.RequestProcessProposal;
import tendermint.abci.Types.RequestQuery;
import tendermint.abci.Types.ResponseCheckTx;
import tendermint.abci.Types.ResponseCommit;
import tendermint.abci.Types.ResponseFinalizeBlock;
import tendermint.abci.Types.ResponseInfo;
import tendermint.abci.Types.ResponseInitChain;
import tendermint.abci.Types.ResponsePrepareProposal;
import tendermint.abci.Types.ResponseProcessProposal;
import tendermint.abci.Types.ResponseQuery;
import tendermint.crypto.ProofOuterClass.ProofOp;
import tendermint.crypto.ProofOuterClass.ProofOps;

/**
 * The zkgw ledger as an ABCI 2.0 application.
 *
 * <p>Three versions of the state, each an immutable tree: <em>committed</em> (durable, what Info and
 * Query see), <em>pending</em> (the result of the last FinalizeBlock, durable after Commit) and
 * <em>check</em> (the mempool's view: committed plus the txs CheckTx accepted since). All methods
 * but Query run under one lock; Query reads the committed version without it.
 */
public final class ZkgwApplication implements AbciApplication, AutoCloseable {
    public static final String APP_NAME = "zkgw-chain-app";
    public static final String VERSION = "0.1.0";
    /** Bumped whenever a state transition changes; reported in Info. */
    public static final long APP_VERSION = 12;
    /** ProofOp type of the sparse Merkle proofs returned by Query with prove=true. */
    public static final String PROOF_OP_TYPE = "zkgw:smt";

    private final CommittedStore store;
    private final TxExecutor executor;
    private final Object lock = new Object();

    private volatile Snapshot committed;
    /** The state FinalizeBlock builds on: the genesis state after InitChain, then the last committed one. */
    private SparseMerkleTree base;
    private SparseMerkleTree pending;
    private long pendingHeight;
    private final LedgerState check;

    private record Snapshot(SparseMerkleTree tree, long height, byte[] appHash) {}

    /** Opens the application state in {@code dataDir}, verifying fulfilments with the prover's verifier (CheckTx verdicts remembered). */
    public ZkgwApplication(Path dataDir) throws IOException {
        this(dataDir, new VerifiedClaimMemo(new InferenceProofVerifier()));
    }

    /** Opens the application state in {@code dataDir} with {@code verifier} for FulfillPrediction proofs. */
    public ZkgwApplication(Path dataDir, FulfilmentVerifier verifier) throws IOException {
        this.store = CommittedStore.open(dataDir);
        this.executor = new TxExecutor(verifier);
        this.committed = new Snapshot(store.tree(), store.height(), store.appHash());
        this.base = store.tree();
        this.check = new LedgerState(store.tree());
    }

    @Override
    public ResponseInfo info(RequestInfo request) {
        Snapshot c = committed;
        return ResponseInfo.newBuilder()
                .setData(APP_NAME)
                .setVersion(VERSION)
                .setAppVersion(APP_VERSION)
                .setLastBlockHeight(c.height())
                .setLastBlockAppHash(ByteString.copyFrom(c.appHash()))
                .build();
    }

    @Override
    public ResponseInitChain initChain(RequestInitChain request) {
        synchronized (lock) {
            if (store.height() != 0) {
                throw new IllegalStateException("InitChain after height " + store.height());
            }
            Genesis genesis = Genesis.parse(request.getAppStateBytes().toByteArray());
            LedgerState st = new LedgerState(SparseMerkleTree.empty());
            genesis.apply(st, request.getChainId());
            base = st.tree();
            check.reset(base);
            pending = null;
            return ResponseInitChain.newBuilder().setAppHash(ByteString.copyFrom(base.rootHash())).build();
        }
    }

    @Override
    public ResponseCheckTx checkTx(RequestCheckTx request) {
        synchronized (lock) {
            long height = committed.height() + 1;
            TxExecutor.Result r = executor.run(check, request.getTx().toByteArray(), height, false);
            return ResponseCheckTx.newBuilder()
                    .setCode(r.code().value())
                    .setCodespace(r.ok() ? "" : Code.CODESPACE)
                    .setLog(r.log())
                    .setData(ByteString.copyFrom(r.data()))
                    .build();
        }
    }

    @Override
    public ResponsePrepareProposal prepareProposal(RequestPrepareProposal request) {
        // the mempool's order, cut at the byte limit CometBFT gives us
        ResponsePrepareProposal.Builder out = ResponsePrepareProposal.newBuilder();
        long left = request.getMaxTxBytes();
        for (ByteString tx : request.getTxsList()) {
            // CometBFT counts each tx with its protobuf framing in the block's Data
            long cost = tx.size() + com.google.protobuf.CodedOutputStream.computeUInt32SizeNoTag(tx.size()) + 1;
            if (cost > left) {
                continue;
            }
            left -= cost;
            out.addTxs(tx);
        }
        return out.build();
    }

    @Override
    public ResponseProcessProposal processProposal(RequestProcessProposal request) {
        // every tx is checked in FinalizeBlock, where a bad one gets an error code and costs its proposer space
        return ResponseProcessProposal.newBuilder().setStatus(ResponseProcessProposal.ProposalStatus.ACCEPT).build();
    }

    @Override
    public ResponseFinalizeBlock finalizeBlock(RequestFinalizeBlock request) {
        synchronized (lock) {
            long height = request.getHeight();
            if (height <= store.height()) {
                throw new IllegalStateException("FinalizeBlock for height " + height + " but " + store.height()
                        + " is already committed");
            }
            LedgerState st = new LedgerState(base);
            ResponseFinalizeBlock.Builder out = ResponseFinalizeBlock.newBuilder();
            for (ByteString tx : request.getTxsList()) {
                TxExecutor.Result r = executor.run(st, tx.toByteArray(), height, true);
                out.addTxResults(ExecTxResult.newBuilder()
                        .setCode(r.code().value())
                        .setCodespace(r.ok() ? "" : Code.CODESPACE)
                        .setLog(r.log())
                        .setData(ByteString.copyFrom(r.data()))
                        .addAllEvents(r.events()));
            }
            out.addAllEvents(TxExecutor.expire(st, height));
            pending = st.tree();
            pendingHeight = height;
            return out.setAppHash(ByteString.copyFrom(pending.rootHash())).build();
        }
    }

    @Override
    public ResponseCommit commit() {
        synchronized (lock) {
            if (pending == null) {
                throw new IllegalStateException("Commit without FinalizeBlock");
            }
            store.commit(pendingHeight, pending);
            committed = new Snapshot(store.tree(), store.height(), store.appHash());
            base = pending;
            check.reset(pending);
            pending = null;
            return ResponseCommit.newBuilder().setRetainHeight(0).build();
        }
    }

    /**
     * Paths (data = raw bytes, ids and addresses raw, not hex):
     * {@code /store} (data = a state key), {@code /account} (data = 20-byte address), {@code /provider},
     * {@code /dataset}, {@code /model}, {@code /request} (data = 32-byte id), {@code /params}. The value is
     * the stored record (empty when absent); with prove=true the response carries a ProofOp of type
     * {@value #PROOF_OP_TYPE} proving membership or non-membership against the app hash of that height.
     */
    @Override
    public ResponseQuery query(RequestQuery request) {
        Snapshot c = committed;
        ResponseQuery.Builder out = ResponseQuery.newBuilder().setHeight(c.height());
        if (request.getHeight() != 0 && request.getHeight() != c.height()) {
            return out.setCode(Code.QUERY_BAD_HEIGHT.value()).setCodespace(Code.CODESPACE)
                    .setLog("latest committed height is " + c.height()).build();
        }
        byte[] data = request.getData().toByteArray();
        byte[] key;
        switch (request.getPath()) {
            case "/store" -> key = data;
            case "/account" -> key = data.length == Transactions.ADDRESS_BYTES ? StateKeys.account(data) : null;
            case "/provider" -> key = data.length == Transactions.ADDRESS_BYTES ? StateKeys.provider(data) : null;
            case "/dataset" -> key = data.length == Transactions.ID_BYTES ? StateKeys.dataset(data) : null;
            case "/model" -> key = data.length == Transactions.ID_BYTES ? StateKeys.model(data) : null;
            case "/request" -> key = data.length == Transactions.ID_BYTES ? StateKeys.request(data) : null;
            case "/model_epoch" -> key = data.length == Transactions.ID_BYTES + 4 ? StateKeys.modelEpoch(data) : null;
            case "/params" -> key = StateKeys.PARAMS;
            default -> {
                return out.setCode(Code.QUERY_UNKNOWN_PATH.value()).setCodespace(Code.CODESPACE)
                        .setLog("unknown path " + request.getPath()).build();
            }
        }
        if (key == null) {
            return out.setCode(Code.QUERY_BAD_DATA.value()).setCodespace(Code.CODESPACE)
                    .setLog("wrong data length for " + request.getPath()).build();
        }
        byte[] value = c.tree().get(key);
        out.setKey(ByteString.copyFrom(key)).setValue(value == null ? ByteString.EMPTY : ByteString.copyFrom(value));
        out.setLog(value == null ? "absent" : "present");
        if (request.getProve()) {
            out.setProofOps(ProofOps.newBuilder().addOps(ProofOp.newBuilder()
                    .setType(PROOF_OP_TYPE)
                    .setKey(ByteString.copyFrom(key))
                    .setData(encodeProof(c.tree().prove(key)).toByteString())));
        }
        return out.build();
    }

    /** Encodes a tree proof as the SmtProof record carried in a ProofOp. */
    public static SmtProof encodeProof(SparseMerkleTree.Proof p) {
        SmtProof.Builder b = SmtProof.newBuilder().setKeyHash(ByteString.copyFrom(p.keyHash()));
        for (byte[] s : p.siblings()) {
            b.addSiblings(ByteString.copyFrom(s));
        }
        if (p.otherLeafKeyHash() != null) {
            b.setOtherLeafKeyHash(ByteString.copyFrom(p.otherLeafKeyHash()));
            b.setOtherLeafValueHash(ByteString.copyFrom(p.otherLeafValueHash()));
        }
        return b.build();
    }

    /** Decodes a SmtProof record into a tree proof (for {@link SparseMerkleTree#verify}). */
    public static SparseMerkleTree.Proof decodeProof(SmtProof p) {
        List<byte[]> sib = new ArrayList<>();
        for (ByteString s : p.getSiblingsList()) {
            sib.add(s.toByteArray());
        }
        boolean other = !p.getOtherLeafKeyHash().isEmpty() || !p.getOtherLeafValueHash().isEmpty();
        return new SparseMerkleTree.Proof(p.getKeyHash().toByteArray(), sib,
                other ? p.getOtherLeafKeyHash().toByteArray() : null,
                other ? p.getOtherLeafValueHash().toByteArray() : null);
    }

    /** The last committed height. */
    public long height() {
        return committed.height();
    }

    /** The last committed app hash (empty before the first block). */
    public byte[] appHash() {
        return committed.appHash().clone();
    }

    /** A read-only view of the committed state (for tests and tools). */
    public LedgerState committedState() {
        return new LedgerState(committed.tree());
    }

    @Override
    public void close() {
        synchronized (lock) {
            try {
                store.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String hex(byte[] b) {
        return Hashes.hex(b);
    }
}
