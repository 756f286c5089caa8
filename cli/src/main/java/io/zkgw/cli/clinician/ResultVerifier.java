package io.zkgw.cli.clinician;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.inference.CircuitDescription;
import io.zkgw.prover.inference.InferenceVerifier;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.ModelCommitment;
import io.zkgw.prover.pcs.tensor.TensorCommitment;

/**
 * The clinician's own check of a fulfilment: the proof must verify against the statement as the ledger
 * holds it — D and C_W of the model, C_x and C_r of the request, z as posted — before the mask is touched.
 * The ledger checked the same proof before it paid, but the clinician does not have to believe that: a
 * prediction is shown only after this passes. Everything is taken as the ledger's bytes, so that only this
 * class knows the prover's encodings.
 */
public final class ResultVerifier {
    /** Turns a verified z into y; given the secrets, called only after the proof verified. */
    @FunctionalInterface
    public interface Unmasker {
        long[] unmask(long[] z);
    }

    /** The public statement of one request, as encoded on the ledger. */
    public record Statement(byte[] circuitDescription, byte[] weightsCommitment, byte[] inputCommitment,
                            byte[] maskCommitment) {}

    private ResultVerifier() {}

    /**
     * Verifies {@code proof} for z = {@code maskedOutput}; only then unmasks. Throws
     * {@link ClinicianException.Kind#PROOF_INVALID} naming the failed check otherwise.
     */
    public static long[] verifyAndUnmask(Statement s, byte[] maskedOutput, byte[] proof, Unmasker unmasker) {
        CircuitDescription d;
        ModelCommitment cw;
        TensorCommitment cx;
        TensorCommitment cr;
        long[] z;
        try {
            d = CircuitDescription.decode(s.circuitDescription());
            cw = ModelCommitment.decode(s.weightsCommitment());
            cx = TensorCommitment.decode(s.inputCommitment());
            cr = TensorCommitment.decode(s.maskCommitment());
            z = MaskedOutput.decode(maskedOutput).z();
        } catch (DecodingException | IllegalArgumentException e) {
            throw invalid("the statement does not decode: " + e.getMessage());
        }
        try {
            InferenceVerifier.verify(d, cw, cx, cr, z, proof);
        } catch (VerificationException e) {
            throw invalid(e.getMessage());
        } catch (RuntimeException e) {
            // a verifier bug on hostile bytes is still a refusal, never a prediction
            throw invalid("the verifier failed on this proof (" + e.getClass().getSimpleName() + ")");
        }
        return unmasker.unmask(z);
    }

    private static ClinicianException invalid(String why) {
        return new ClinicianException(ClinicianException.Kind.PROOF_INVALID,
                "proof invalid: " + why + "; no prediction is shown");
    }
}
