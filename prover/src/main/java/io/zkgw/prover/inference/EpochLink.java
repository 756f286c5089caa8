package io.zkgw.prover.inference;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.pcs.tensor.TensorLayout;
import io.zkgw.prover.pcs.tensor.TensorLink;
import io.zkgw.prover.pcs.tensor.TensorLinkVerifier;
import io.zkgw.prover.pcs.tensor.TensorPcsParams;
import io.zkgw.prover.transcript.Transcript;
import java.util.List;

/**
 * The link between two epochs of a model: a zero-knowledge proof that the next model commitment's C_W holds
 * the same weights as the previous one's — everything but the random blinding slots, which each epoch draws
 * afresh (docs/inference-proofs.md §11 (e)). With it a ledger can refuse a re-commitment that swaps the
 * weights, and an auditor can follow one model across all its epochs. A link opens each C_W once more, at
 * fresh columns: C_W's padding holds t·(K + {@link #OPENINGS_PER_COMMITMENT}) coefficients per row, for K
 * proofs, the link from the previous epoch and the link to the next.
 *
 * <p>Transcript: protocol {@link #PROTOCOL} version {@link #VERSION}, both encoded model commitments, then the
 * tensor link ({@link TensorLink}) with the blinding-slot segment as its free region.
 */
public final class EpochLink {
    public static final String PROTOCOL = "zkgw/model/epoch-link";
    /** 2: links between version-5 model commitments (180 queries per opening). */
    public static final int VERSION = 2;
    /** Links that open one C_W besides its K proofs: the one from the previous epoch and the one to the next. */
    public static final int OPENINGS_PER_COMMITMENT = 2;

    private EpochLink() {}

    /**
     * Accepts or throws: {@code next} and {@code prev}, both commitments to a model with description {@code d},
     * hold the same weights. Pure function of its arguments (the ledger runs it on RecommitModel).
     */
    public static void verify(CircuitDescription d, ModelCommitment prev, ModelCommitment next, byte[] link) throws VerificationException {
        if (!prev.circuitHash().equals(d.hash()) || !next.circuitHash().equals(d.hash())) {
            throw new VerificationException("epoch link: a model commitment is not for this circuit description");
        }
        if (prev.proofBudget() != next.proofBudget()) {
            throw new VerificationException("epoch link: proof budget " + next.proofBudget() + " differs from the previous epoch's "
                    + prev.proofBudget());
        }
        int budget = prev.proofBudget();
        Circuit c = new Circuit(d, 1, Circuit.MAX_LIMB_BITS);
        TensorPcsParams params = ProofMode.ZERO_KNOWLEDGE.weightParams(budget);
        TensorLayout layout = c.weightLayout() == null ? TensorLayout.of(params, List.of(0))
                : ProofMode.ZERO_KNOWLEDGE.weightCommitmentLayout(c, budget);
        new TensorLinkVerifier(params).verify(prev.weights(), next.weights(), layout, freeRegion(c, budget), link, transcript(prev, next));
    }

    /** The blinding slots: the one segment of the weight polynomial that differs between epochs. */
    static TensorLink.FreeRegion freeRegion(Circuit c, int budget) {
        if (c.weightLayout() == null) {
            return new TensorLink.FreeRegion(0, 0, 0);
        }
        PolyLayout w = Zk.weightLayout(c, budget);
        int slots = w.segments() - 1;
        return new TensorLink.FreeRegion(0, w.offset(slots), w.offset(slots) + (1 << w.numVars(slots)));
    }

    static Transcript transcript(ModelCommitment prev, ModelCommitment next) {
        Transcript t = Transcript.create(PROTOCOL, VERSION);
        t.absorbBytes("epoch-link/previous", prev.encode());
        t.absorbBytes("epoch-link/next", next.encode());
        return t;
    }
}
