package io.zkgw.chainclient.rpc;

import com.google.protobuf.ByteString;
import io.zkgw.chainclient.light.TxInclusionProof;
import io.zkgw.chainclient.types.Hex;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction included in a block, as the node reports it (from an event, tx_search or tx): where it
 * is, its bytes and hash, its result, and — when asked for with prove=true — its inclusion proof.
 * Nothing here is verified; see {@code io.zkgw.chainclient.query.VerifiedQueries}.
 */
public record TxRecord(long height, int index, ByteString hash, ByteString tx, ExecResult result, Optional<TxInclusionProof> proof) {
    public TxRecord {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(proof, "proof");
    }

    public String hashHex() {
        return Hex.upper(hash);
    }
}
