package io.zkgw.chainclient.types;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import io.zkgw.chainclient.merkle.MerkleTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tendermint.crypto.Keys.PublicKey;
import tendermint.types.Canonical.CanonicalBlockID;
import tendermint.types.Canonical.CanonicalPartSetHeader;
import tendermint.types.Canonical.CanonicalVote;
import tendermint.types.Types.BlockID;
import tendermint.types.Types.PartSetHeader;
import tendermint.types.Types.SignedMsgType;
import tendermint.types.ValidatorOuterClass.SimpleValidator;
import tendermint.version.Types.Consensus;

/**
 * The byte encodings CometBFT v0.38 hashes and signs, built with the protobuf classes generated from
 * CometBFT's own .proto files (chain-app's build). protobuf-java writes fields in number order and omits
 * proto3 defaults, as gogoproto does; the one difference that matters, gogoproto's non-nullable
 * sub-messages (always written, even when empty), is reproduced by always setting those fields.
 */
public final class CanonicalEncoding {
    private CanonicalEncoding() {}

    /**
     * The header hash: the Merkle root over the 14 fields in order, each encoded alone — version as
     * {@code Consensus}, time as {@code Timestamp}, last block id as {@code BlockID}, and the chain id,
     * height and every hash/address wrapped in {@code StringValue}/{@code Int64Value}/{@code BytesValue}.
     */
    public static ByteString headerHash(Header h) {
        List<byte[]> fields = List.of(
                Consensus.newBuilder().setBlock(h.version().block()).setApp(h.version().app()).build().toByteArray(),
                StringValue.of(h.chainId()).toByteArray(),
                Int64Value.of(h.height()).toByteArray(),
                timestamp(h.time()).toByteArray(),
                blockId(h.lastBlockId()).toByteArray(),
                BytesValue.of(h.lastCommitHash()).toByteArray(),
                BytesValue.of(h.dataHash()).toByteArray(),
                BytesValue.of(h.validatorsHash()).toByteArray(),
                BytesValue.of(h.nextValidatorsHash()).toByteArray(),
                BytesValue.of(h.consensusHash()).toByteArray(),
                BytesValue.of(h.appHash()).toByteArray(),
                BytesValue.of(h.lastResultsHash()).toByteArray(),
                BytesValue.of(h.evidenceHash()).toByteArray(),
                BytesValue.of(h.proposerAddress()).toByteArray());
        return ByteString.copyFrom(MerkleTree.root(fields));
    }

    /** The validator set hash: the Merkle root over each validator's {@code SimpleValidator} encoding. */
    public static ByteString validatorSetHash(ValidatorSet set) {
        List<byte[]> items = new ArrayList<>(set.size());
        for (Validator v : set.validators()) {
            items.add(validatorBytes(v));
        }
        return ByteString.copyFrom(MerkleTree.root(items));
    }

    /** {@code SimpleValidator{pub_key: PublicKey{ed25519}, voting_power}}: what the set hash covers. */
    public static byte[] validatorBytes(Validator v) {
        return SimpleValidator.newBuilder()
                .setPubKey(PublicKey.newBuilder().setEd25519(v.publicKey()))
                .setVotingPower(v.votingPower())
                .build()
                .toByteArray();
    }

    /**
     * What the validator in slot {@code index} signed: its precommit as a {@code CanonicalVote} (type
     * precommit, height and round as sfixed64, the commit's block id — absent for a nil vote — its own
     * timestamp, the chain id), prefixed by its length as a varint.
     */
    public static byte[] voteSignBytes(String chainId, Commit commit, int index) {
        CommitSig sig = commit.signatures().get(index);
        CanonicalVote.Builder vote = CanonicalVote.newBuilder()
                .setType(SignedMsgType.SIGNED_MSG_TYPE_PRECOMMIT)
                .setHeight(commit.height())
                .setRound(commit.round())
                .setTimestamp(timestamp(sig.timestamp()))
                .setChainId(chainId);
        if (sig.flag() == CommitSig.BlockIdFlag.COMMIT && !commit.blockId().isZero()) {
            BlockId id = commit.blockId();
            vote.setBlockId(CanonicalBlockID.newBuilder()
                    .setHash(id.hash())
                    .setPartSetHeader(CanonicalPartSetHeader.newBuilder()
                            .setTotal((int) id.parts().total())
                            .setHash(id.parts().hash())));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            vote.build().writeDelimitedTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        return out.toByteArray();
    }

    static BlockID blockId(BlockId id) {
        return BlockID.newBuilder()
                .setHash(id.hash())
                .setPartSetHeader(PartSetHeader.newBuilder().setTotal((int) id.parts().total()).setHash(id.parts().hash()))
                .build();
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }
}
