package io.zkgw.prover.inference;

import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.hash.AesPrg;
import io.zkgw.prover.pcs.tensor.TensorLinkProver;
import io.zkgw.prover.transcript.Transcript;

/** The prover's side of an {@link EpochLink} (kept apart so the verifier reaches no prover code). */
final class EpochLinkProver {
    private EpochLinkProver() {}

    /** Proves that {@code next} commits to {@code prev}'s weights. Deterministic in the two commitments and next's key. */
    static byte[] prove(CommittedModel prev, CommittedModel next) {
        if (!prev.mode().zk || !next.mode().zk) {
            throw new IllegalArgumentException("epochs are linked in the zero-knowledge format only");
        }
        ModelCommitment a = prev.commitment();
        ModelCommitment b = next.commitment();
        if (!a.circuitHash().equals(b.circuitHash()) || a.proofBudget() != b.proofBudget()) {
            throw new IllegalArgumentException("epochs of one model share D and the proof budget");
        }
        Transcript t = EpochLink.transcript(a, b);
        byte[] seed = CommittedModel.derive("zkgw/model/epoch-link-masks", next.blindingKey(),
                new ByteWriter().bytes(a.encode()).bytes(b.encode()).toByteArray());
        TensorLinkProver prover = new TensorLinkProver(prev.mode().weightParams(a.proofBudget()));
        return prover.prove(prev.data(), next.data(), EpochLink.freeRegion(new Circuit(prev.description(), 1, Circuit.MAX_LIMB_BITS), a.proofBudget()),
                new AesPrg("zkgw/model/epoch-link-masks", seed), t).encode();
    }
}
