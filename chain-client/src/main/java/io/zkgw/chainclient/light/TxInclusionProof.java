package io.zkgw.chainclient.light;

import com.google.protobuf.ByteString;
import io.zkgw.chainclient.merkle.MerkleProof;
import java.util.Objects;

/**
 * A transaction and the Merkle proof (from the {@code tx} RPC with prove=true) that it is leaf
 * {@code proof.index()} of the block at {@code height}, whose header's data_hash is the root over the
 * SHA-256 hashes of the block's transactions.
 */
public record TxInclusionProof(long height, ByteString tx, ByteString rootHash, MerkleProof proof) {
    public TxInclusionProof {
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(proof, "proof");
    }
}
