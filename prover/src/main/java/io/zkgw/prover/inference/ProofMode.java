package io.zkgw.prover.inference;

import io.zkgw.prover.pcs.tensor.TensorPcsParams;
import io.zkgw.prover.pcs.tensor.TensorPcsVerifier;

/**
 * The two proof formats. Production proofs are always {@link #ZERO_KNOWLEDGE}: hiding commitments and
 * openings. {@link #PLAIN_TEST_ONLY} is the earlier, non-hiding format, kept package-private for the
 * attack test that shows what a plain proof reveals; it has its own version byte, and the public
 * {@link InferenceVerifier#verify} never accepts it.
 */
enum ProofMode {
    ZERO_KNOWLEDGE(Protocol.VERSION, TensorPcsParams.HIDING),
    PLAIN_TEST_ONLY(Protocol.PLAIN_TEST_VERSION, TensorPcsParams.STANDARD);

    final int version;
    final TensorPcsParams pcsParams;
    final TensorPcsVerifier pcsVerifier;

    ProofMode(int version, TensorPcsParams pcsParams) {
        this.version = version;
        this.pcsParams = pcsParams;
        this.pcsVerifier = new TensorPcsVerifier(pcsParams);
    }

    boolean hiding() {
        return pcsParams.hiding();
    }
}
