package io.zkgw.prover.inference;

import io.zkgw.prover.pcs.tensor.TensorLayout;
import io.zkgw.prover.pcs.tensor.TensorPcsParams;
import io.zkgw.prover.pcs.tensor.TensorPcsVerifier;
import java.util.List;

/**
 * The two proof formats. Production proofs are always {@link #ZERO_KNOWLEDGE} (protocol version 7): hiding
 * commitments and openings, masked sumchecks and values, C_W with a proof budget. {@link #PLAIN_TEST_ONLY} is the earlier, non-hiding format, kept package-private for the
 * attack test that shows what a plain proof reveals; it has its own version byte, and the public
 * {@link InferenceVerifier#verify} never accepts it.
 */
enum ProofMode {
    ZERO_KNOWLEDGE(Protocol.VERSION, TensorPcsParams.HIDING, true),
    PLAIN_TEST_ONLY(Protocol.PLAIN_TEST_VERSION, TensorPcsParams.STANDARD, false);

    final int version;
    final TensorPcsParams pcsParams;
    final TensorPcsVerifier pcsVerifier;
    /** Masked sumchecks, masked values and the masked claim reduction (protocol version 4). */
    final boolean zk;

    ProofMode(int version, TensorPcsParams pcsParams, boolean zk) {
        this.version = version;
        this.pcsParams = pcsParams;
        this.pcsVerifier = new TensorPcsVerifier(pcsParams);
        this.zk = zk;
    }

    /**
     * The parameters of C_W (and of each proof's fresh weight masks, and of an epoch link) for a proof budget K:
     * padding for K proofs and the two epoch links that open C_W too ({@link EpochLink}).
     */
    TensorPcsParams weightParams(int budget) {
        return zk ? pcsParams.withOpeningBudget(budget + EpochLink.OPENINGS_PER_COMMITMENT) : pcsParams;
    }

    /**
     * C_W's layout for a circuit with weights and a proof budget K: the one {@link CommittedModel} commits to, and
     * the one proofs, epoch links and the soundness bound derive from public data alike.
     */
    TensorLayout weightCommitmentLayout(Circuit c, int budget) {
        PolyLayout w = zk ? Zk.weightLayout(c, budget) : c.weightLayout();
        return TensorLayout.of(weightParams(budget), List.of(w.totalVars()));
    }

    boolean hiding() {
        return pcsParams.hiding();
    }
}
