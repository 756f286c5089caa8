package io.zkgw.chainapp.app;

import com.google.protobuf.ByteString;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.VerificationException;
import io.zkgw.prover.inference.CircuitDescription;
import io.zkgw.prover.inference.EpochLink;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.ModelCommitment;
import io.zkgw.prover.pcs.tensor.TensorCommitment;

/**
 * Stateless checks that what a transaction stores can later be verified: a model's weights commitment and
 * circuit description decode and agree (hash(D) is part of the commitment), a request's input and mask
 * commitments decode, a masked output decodes. Done in CheckTx already, so a malformed model or request
 * never reaches the state and a fee is never escrowed for a request no proof could fulfil.
 */
final class InferenceStatements {
    private InferenceStatements() {}

    static void checkModel(ByteString weightsCommitment, ByteString circuitDescription) throws TxRejected {
        ModelCommitment mc = decodeModel(weightsCommitment, "commit_model.weights_commitment");
        CircuitDescription d;
        try {
            d = CircuitDescription.decode(circuitDescription.toByteArray());
        } catch (DecodingException | RuntimeException e) {
            // RuntimeException: a well-formed encoding of a model whose layers do not chain
            throw new TxRejected(Code.INVALID_FIELD, "commit_model.circuit_description: " + e.getMessage());
        }
        if (!mc.circuitHash().equals(d.hash())) {
            throw new TxRejected(Code.INVALID_FIELD,
                    "commit_model.weights_commitment: its circuit hash is not the hash of circuit_description");
        }
    }

    /** RecommitModel's commitment decodes (CheckTx); its circuit is compared with the model's in the block. */
    static void checkRecommit(ByteString weightsCommitment) throws TxRejected {
        decodeModel(weightsCommitment, "recommit_model.weights_commitment");
    }

    /** The new commitment names the same circuit as the model's stored one. */
    static void checkSameCircuit(ByteString fresh, ByteString stored) throws TxRejected {
        if (!decodeModel(fresh, "recommit_model.weights_commitment").circuitHash()
                .equals(decodeModel(stored, "stored model commitment").circuitHash())) {
            throw new TxRejected(Code.INVALID_FIELD,
                    "recommit_model.weights_commitment: its circuit hash is not the model's");
        }
    }

    /**
     * The epoch link from the model's latest commitment to the fresh one verifies against the model's stored
     * circuit description: the new epoch holds the same weights. A pure function of the tx and the state.
     */
    static void checkEpochLink(io.zkgw.chainapp.proto.Model model, ByteString fresh, ByteString link) throws TxRejected {
        CircuitDescription d;
        try {
            d = CircuitDescription.decode(model.getCircuitDescription().toByteArray());
        } catch (DecodingException | RuntimeException e) {
            throw new IllegalStateException("stored circuit description does not decode: " + e.getMessage(), e);
        }
        try {
            EpochLink.verify(d, decodeModel(model.getWeightsCommitment(), "stored model commitment"),
                    decodeModel(fresh, "recommit_model.weights_commitment"), link.toByteArray());
        } catch (VerificationException e) {
            throw new TxRejected(Code.PROOF_INVALID, "recommit_model.epoch_link: " + e.getMessage());
        } catch (RuntimeException e) {
            // defensive: a verifier bug on hostile bytes refuses the tx instead of halting the chain
            throw new TxRejected(Code.PROOF_INVALID, "recommit_model.epoch_link: rejected (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** K of a commitment that passed {@link #checkModel} or {@link #checkRecommit}. */
    static int proofBudget(ByteString weightsCommitment) throws TxRejected {
        return decodeModel(weightsCommitment, "weights_commitment").proofBudget();
    }

    private static ModelCommitment decodeModel(ByteString bytes, String field) throws TxRejected {
        try {
            return ModelCommitment.decode(bytes.toByteArray());
        } catch (DecodingException e) {
            throw new TxRejected(Code.INVALID_FIELD, field + ": " + e.getMessage());
        }
    }

    static void checkCommitment(ByteString commitment, String field) throws TxRejected {
        try {
            TensorCommitment.decode(commitment.toByteArray());
        } catch (DecodingException e) {
            throw new TxRejected(Code.INVALID_FIELD, field + ": " + e.getMessage());
        }
    }

    static void checkMaskedOutput(ByteString maskedOutput, String field) throws TxRejected {
        try {
            MaskedOutput.decode(maskedOutput.toByteArray());
        } catch (DecodingException e) {
            throw new TxRejected(Code.INVALID_FIELD, field + ": " + e.getMessage());
        }
    }
}
