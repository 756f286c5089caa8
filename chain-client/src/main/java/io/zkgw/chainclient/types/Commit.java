package io.zkgw.chainclient.types;

import java.util.List;
import java.util.Objects;

/**
 * The precommits that committed a block: one slot per validator of that height's set, in the set's order.
 */
public record Commit(long height, int round, BlockId blockId, List<CommitSig> signatures) {
    public Commit {
        Objects.requireNonNull(blockId, "blockId");
        signatures = List.copyOf(signatures);
    }

    public Commit withSignatures(List<CommitSig> s) {
        return new Commit(height, round, blockId, s);
    }

    /** The sign bytes of the precommit in slot {@code index} (see {@link CanonicalEncoding#voteSignBytes}). */
    public byte[] voteSignBytes(String chainId, int index) {
        return CanonicalEncoding.voteSignBytes(chainId, this, index);
    }
}
