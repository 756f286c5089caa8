package io.zkgw.chainclient.light;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Objects;

/**
 * An abci_query answer with prove=true: the state {@code key} read at committed {@code height}, its
 * {@code value} (empty when absent) and the proof operations (chain-app answers with exactly one, of
 * type {@code zkgw:smt}). It is checked against the app_hash of the header at height + 1.
 */
public record StateProof(long height, ByteString key, ByteString value, List<ProofOp> ops) {
    public StateProof {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        ops = List.copyOf(ops);
    }

    /** One CometBFT ProofOp: its type, the key it proves and its opaque data. */
    public record ProofOp(String type, ByteString key, ByteString data) {
        public ProofOp {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(data, "data");
        }
    }

    public StateProof withValue(ByteString v) {
        return new StateProof(height, key, v, ops);
    }

    public StateProof withKey(ByteString k) {
        return new StateProof(height, k, value, ops);
    }

    public StateProof withOps(List<ProofOp> o) {
        return new StateProof(height, key, value, o);
    }
}
