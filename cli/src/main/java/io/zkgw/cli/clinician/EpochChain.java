package io.zkgw.cli.clinician;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.inference.CircuitDescription;
import io.zkgw.prover.inference.EpochLink;
import io.zkgw.prover.inference.ModelCommitment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An auditor's check that every epoch of a model commits to the weights of epoch 0 (docs/audit-guide.md,
 * "Models and predictions"): epoch e's commitment must carry the model's hash(D), and the link of the
 * RecommitModel that made it must verify from epoch e − 1's commitment to epoch e's. A pure function of the
 * proven epochs and the links; {@link ClinicianClient#modelEpochs} and {@link ClinicianClient#epochLinks} read them.
 */
public final class EpochChain {
    private EpochChain() {}

    /** What was found for one epoch: {@code reason} is null when it checks out. */
    public record EpochResult(int epoch, long height, int proofBudget, int proofsUsed, String reason) {
        public boolean ok() {
            return reason == null;
        }
    }

    /**
     * Checks epochs 0, 1, … in the order given and stops at the first that fails (later epochs would be linked to a commitment that
     * is no longer known to hold epoch 0's weights). {@code linksOf.apply(e)} gives the candidate links of epoch e ≥ 1: those of
     * every RecommitModel in its block with its commitment, in block order. One of them made the epoch, but a tx that failed in
     * the same block can carry the same commitment with another link, and which one the ledger executed is not part of what
     * the block proves; the epoch checks out if any candidate verifies. That is sound whichever tx carried it: a link that
     * verifies from epoch e − 1's commitment to epoch e's proves that both hold the same weights.
     */
    public static List<EpochResult> check(byte[] circuitDescription, List<ClinicianClient.EpochInfo> epochs, IntFunction<List<byte[]>> linksOf) {
        CircuitDescription d;
        try {
            d = CircuitDescription.decode(circuitDescription);
        } catch (DecodingException e) {
            throw new ClinicianException(ClinicianException.Kind.UNKNOWN_MODEL, "the model's circuit description does not decode: " + e.getMessage());
        }
        List<EpochResult> out = new ArrayList<>();
        ModelCommitment prev = null;
        for (ClinicianClient.EpochInfo e : epochs) {
            String reason = null;
            ModelCommitment mc = null;
            try {
                mc = ModelCommitment.decode(e.weightsCommitment());
            } catch (DecodingException ex) {
                reason = "its model commitment does not decode: " + ex.getMessage();
            }
            if (mc != null && !mc.circuitHash().equals(d.hash())) {
                reason = "its commitment names another circuit than the model's D";
            } else if (mc != null && prev != null) {
                reason = linkFailure(d, prev, mc, e.epoch(), linksOf.apply(e.epoch()));
            }
            out.add(new EpochResult(e.epoch(), e.height(), e.proofBudget(), e.proofsUsed(), reason));
            if (reason != null) {
                break;
            }
            prev = mc;
        }
        return List.copyOf(out);
    }

    /** Null when one of the candidate links verifies from prev to mc; else why not (the first candidate's failure). */
    private static String linkFailure(CircuitDescription d, ModelCommitment prev, ModelCommitment mc, int epoch, List<byte[]> candidates) {
        if (candidates.isEmpty()) {
            return "no epoch link from epoch " + (epoch - 1) + " was found";
        }
        String first = null;
        for (byte[] link : candidates) {
            try {
                EpochLink.verify(d, prev, mc, link);
                return null;
            } catch (VerificationException ex) {
                // a link that does not even decode is one that does not verify
                if (first == null) {
                    first = ex.getMessage();
                }
            }
        }
        return candidates.size() == 1 ? "its epoch link from epoch " + (epoch - 1) + " does not verify: " + first
                : "none of its " + candidates.size() + " epoch links from epoch " + (epoch - 1) + " verifies; the first: " + first;
    }
}
