package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.pcs.MultilinearPcs;
import io.zkgw.prover.transcript.Transcript;
import java.util.List;

/**
 * The tensor PCS behind the {@link MultilinearPcs} interface: {@link TensorPcsProver} for commit/open,
 * {@link TensorPcsVerifier} for verification. Code that only verifies should use the verifier directly.
 */
public final class TensorPcs implements MultilinearPcs<TensorCommitment, TensorProverData, TensorOpeningProof> {
    private final TensorPcsProver prover;
    private final TensorPcsVerifier verifier;

    public TensorPcs(TensorPcsParams params) {
        this.prover = new TensorPcsProver(params);
        this.verifier = new TensorPcsVerifier(params);
    }

    public static TensorPcs standard() {
        return new TensorPcs(TensorPcsParams.STANDARD);
    }

    public TensorPcsVerifier verifier() {
        return verifier;
    }

    @Override
    public TensorProverData commit(List<long[]> polys) {
        return prover.commit(polys);
    }

    @Override
    public TensorCommitment commitment(TensorProverData data) {
        return data.commitment();
    }

    @Override
    public TensorOpeningProof open(TensorProverData data, List<EvalClaim> claims, Transcript transcript) {
        return prover.open(data, claims, transcript);
    }

    @Override
    public void verify(TensorCommitment commitment, List<Integer> numVars, List<EvalClaim> claims, TensorOpeningProof proof,
            Transcript transcript) throws VerificationException {
        verifier.verify(commitment, numVars, claims, proof, transcript);
    }

    @Override
    public byte[] encodeCommitment(TensorCommitment commitment) {
        return commitment.encode();
    }

    @Override
    public TensorCommitment decodeCommitment(byte[] bytes) throws VerificationException {
        return TensorCommitment.decode(bytes);
    }

    @Override
    public byte[] encodeProof(TensorOpeningProof proof) {
        return proof.encode();
    }

    @Override
    public void verifyEncoded(TensorCommitment commitment, List<Integer> numVars, List<EvalClaim> claims, byte[] proof,
            Transcript transcript) throws VerificationException {
        verifier.verifyEncoded(commitment, numVars, claims, proof, transcript);
    }
}
