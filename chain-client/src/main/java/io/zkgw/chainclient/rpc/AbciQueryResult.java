package io.zkgw.chainclient.rpc;

import com.google.protobuf.ByteString;
import io.zkgw.chainclient.light.StateProof;
import java.util.List;

/** The answer of abci_query: code, the state key read, the value (empty when absent), the height, proof ops. */
public record AbciQueryResult(int code, String codespace, String log, ByteString key, ByteString value, long height,
        List<StateProof.ProofOp> proofOps) {
    public AbciQueryResult {
        proofOps = List.copyOf(proofOps);
    }

    public boolean ok() {
        return code == 0;
    }

    /** The parts a state proof check needs. */
    public StateProof toStateProof() {
        return new StateProof(height, key, value, proofOps);
    }
}
