package io.zkgw.chainapp.abci;

import tendermint.abci.Types.RequestApplySnapshotChunk;
import tendermint.abci.Types.RequestCheckTx;
import tendermint.abci.Types.RequestExtendVote;
import tendermint.abci.Types.RequestFinalizeBlock;
import tendermint.abci.Types.RequestInfo;
import tendermint.abci.Types.RequestInitChain;
import tendermint.abci.Types.RequestLoadSnapshotChunk;
import tendermint.abci.Types.RequestOfferSnapshot;
import tendermint.abci.Types.RequestPrepareProposal;
import tendermint.abci.Types.RequestProcessProposal;
import tendermint.abci.Types.RequestQuery;
import tendermint.abci.Types.RequestVerifyVoteExtension;
import tendermint.abci.Types.ResponseApplySnapshotChunk;
import tendermint.abci.Types.ResponseCheckTx;
import tendermint.abci.Types.ResponseCommit;
import tendermint.abci.Types.ResponseExtendVote;
import tendermint.abci.Types.ResponseFinalizeBlock;
import tendermint.abci.Types.ResponseInfo;
import tendermint.abci.Types.ResponseInitChain;
import tendermint.abci.Types.ResponseListSnapshots;
import tendermint.abci.Types.ResponseLoadSnapshotChunk;
import tendermint.abci.Types.ResponseOfferSnapshot;
import tendermint.abci.Types.ResponsePrepareProposal;
import tendermint.abci.Types.ResponseProcessProposal;
import tendermint.abci.Types.ResponseQuery;
import tendermint.abci.Types.ResponseVerifyVoteExtension;

/**
 * An ABCI 2.0 application (CometBFT v0.38). The {@link AbciServer} calls these from the four
 * connections' threads concurrently; implementations synchronise themselves. An exception becomes a
 * ResponseException, which CometBFT treats as fatal.
 */
public interface AbciApplication {
    ResponseInfo info(RequestInfo request);

    ResponseInitChain initChain(RequestInitChain request);

    ResponseQuery query(RequestQuery request);

    ResponseCheckTx checkTx(RequestCheckTx request);

    ResponsePrepareProposal prepareProposal(RequestPrepareProposal request);

    ResponseProcessProposal processProposal(RequestProcessProposal request);

    ResponseFinalizeBlock finalizeBlock(RequestFinalizeBlock request);

    ResponseCommit commit();

    /** Vote extensions are off unless the consensus params enable them. */
    default ResponseExtendVote extendVote(RequestExtendVote request) {
        return ResponseExtendVote.getDefaultInstance();
    }

    default ResponseVerifyVoteExtension verifyVoteExtension(RequestVerifyVoteExtension request) {
        return ResponseVerifyVoteExtension.newBuilder()
                .setStatus(ResponseVerifyVoteExtension.VerifyStatus.ACCEPT)
                .build();
    }

    /** State sync: no snapshots offered by default. */
    default ResponseListSnapshots listSnapshots() {
        return ResponseListSnapshots.getDefaultInstance();
    }

    default ResponseOfferSnapshot offerSnapshot(RequestOfferSnapshot request) {
        return ResponseOfferSnapshot.newBuilder().setResult(ResponseOfferSnapshot.Result.REJECT).build();
    }

    default ResponseLoadSnapshotChunk loadSnapshotChunk(RequestLoadSnapshotChunk request) {
        return ResponseLoadSnapshotChunk.getDefaultInstance();
    }

    default ResponseApplySnapshotChunk applySnapshotChunk(RequestApplySnapshotChunk request) {
        return ResponseApplySnapshotChunk.newBuilder().setResult(ResponseApplySnapshotChunk.Result.ABORT).build();
    }
}
