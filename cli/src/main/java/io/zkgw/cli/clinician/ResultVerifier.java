package io.zkgw.cli.clinician;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.inference.CircuitDescription;
import io.zkgw.prover.inference.InferenceVerifier;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.ModelCommitment;
import io.zkgw.prover.inference.RequestStatement;
import io.zkgw.prover.pcs.tensor.TensorCommitment;
import java.util.ArrayList;
import java.util.List;

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

    /** One request answered by a batch proof, as the ledger holds it: C_x, C_r and the posted z. */
    public record Member(byte[] inputCommitment, byte[] maskCommitment, byte[] maskedOutput) {}

    /**
     * Verifies {@code proof} for z = {@code maskedOutput}; only then unmasks. Throws
     * {@link ClinicianException.Kind#PROOF_INVALID} naming the failed check otherwise.
     */
    public static long[] verifyAndUnmask(Statement s, byte[] maskedOutput, byte[] proof, Unmasker unmasker) {
        return verifyBatchAndUnmask(s.circuitDescription(), s.weightsCommitment(),
                List.of(new Member(s.inputCommitment(), s.maskCommitment(), maskedOutput)), 0, proof, unmasker);
    }

    /**
     * A batch proof (FulfillPredictions): verified against every member's statement in the tx's order,
     * then member {@code own}'s z is unmasked. The other members' statements need no trust: a proof that
     * verifies for a list of statements establishes each of them, ours included.
     */
    public static long[] verifyBatchAndUnmask(byte[] circuitDescription, byte[] weightsCommitment, List<Member> members, int own,
            byte[] proof, Unmasker unmasker) {
        CircuitDescription d;
        ModelCommitment cw;
        List<RequestStatement> statements = new ArrayList<>(members.size());
        try {
            d = CircuitDescription.decode(circuitDescription);
            cw = ModelCommitment.decode(weightsCommitment);
            for (Member m : members) {
                statements.add(new RequestStatement(TensorCommitment.decode(m.inputCommitment()),
                        TensorCommitment.decode(m.maskCommitment()), MaskedOutput.decode(m.maskedOutput()).z()));
            }
        } catch (DecodingException | IllegalArgumentException e) {
            throw invalid("the statement does not decode: " + e.getMessage());
        }
        try {
            InferenceVerifier.verify(d, cw, statements, proof);
        } catch (VerificationException e) {
            throw invalid(e.getMessage());
        } catch (RuntimeException e) {
            // a verifier bug on hostile bytes is still a refusal, never a prediction
            throw invalid("the verifier failed on this proof (" + e.getClass().getSimpleName() + ")");
        }
        return unmasker.unmask(statements.get(own).z());
    }

    private static ClinicianException invalid(String why) {
        return new ClinicianException(ClinicianException.Kind.PROOF_INVALID,
                "proof invalid: " + why + "; no prediction is shown");
    }
}
