package io.zkgw.prover.inference;

import io.zkgw.prover.pcs.tensor.TensorLayout;
import io.zkgw.prover.pcs.tensor.TensorSoundness;

/**
 * The soundness error of one inference proof, by a union bound over its parts (docs/inference-proofs.md,
 * "Soundness"), for the interactive protocol; Fiat–Shamir adds the usual factor of the prover's number of
 * hash evaluations. Every protocol term is a Schwartz–Zippel bound over Ext2 (|F| = p^2 ≈ 2^128):
 * <ul>
 *   <li>zero-checks: numVars (random τ) + constraints − 1 (γ) per zero-check;</li>
 *   <li>linear checks: numVars of the random point per gadget;</li>
 *   <li>each batched sumcheck: rounds·degree + instances − 1;</li>
 *   <li>LogUp: (L + T) for β (degree of the rational identity), and per fraction layer 3j + 2 (λ, μ);</li>
 *   <li>claim reduction: #claims (α) + 2·N;</li>
 * </ul>
 * plus the tensor PCS error of each of the openings ({@link TensorSoundness}): witness, final mask (zero knowledge), weights, and
 * the joint openings of all C_x and of all C_r (a joint opening of B commitments with one layout has the
 * error of a single opening, so the PCS term does not grow with B).
 */
public record Soundness(double protocolBits, double pcsBits, double totalBits) {
    /** Every proof the prover makes and the verifier accepts has at least this many bits of soundness. */
    public static final double TARGET_BITS = 100;

    /** Throws if the bound is under {@link #TARGET_BITS}: such a configuration is neither proved nor accepted. */
    void requireTarget(int batch) {
        if (!(totalBits >= TARGET_BITS)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "a batch of B = %d has %.2f bits of soundness (protocol %.2f, PCS %.2f), under the %.0f-bit target", batch,
                    totalBits, protocolBits, pcsBits, TARGET_BITS));
        }
    }

    /** The bound for a model description and batch size. */
    public static Soundness of(CircuitDescription d, int batch) {
        return of(Circuit.compile(d, batch));
    }

    static Soundness of(Circuit c) {
        return of(c, ProofMode.ZERO_KNOWLEDGE);
    }

    static Soundness of(Circuit c, ProofMode mode) {
        return of(c, mode, ModelCommitment.DEFAULT_PROOF_BUDGET);
    }

    /**
     * The zero-knowledge format (version 4) changes three things: every batched sumcheck's round degree is at
     * most 2·D + 1 (a masked factor counts twice in the last round; g has that degree in every variable) and
     * its batch gains the weight of g; every pool claim takes one more α in the final reduction (at most one per
     * stage and per masked value: bounded here by 2·maxVars·(stages) + 64·(tensors)); the final reduction
     * gains ρ_g and the witness the pool's variable, and the final mask C_g is a fifth opening (version 7); C_W is
     * opened with the budget's padding. Counted by doubling every stage term and adding the claims, and by the PCS layouts as opened.
     */
    static Soundness of(Circuit c, ProofMode mode, int budget) {
        double field = Math.pow(2, -TensorSoundness.LOG2_EXT_FIELD);
        int maxVars = c.witnessLayout().totalVars();
        double terms = 0;
        // zero-check stage
        int zDeg = 1;
        for (ZeroCheck z : c.zeroChecks()) {
            terms += z.numVars() + z.constraints().size();
            zDeg = Math.max(zDeg, z.degree() + 1);
        }
        terms += (double) maxVars * zDeg + c.zeroChecks().size();
        // linear and im2col stages (at most two instances per gadget plus the output check)
        int gadgets = c.gadgets().size() + 1;
        terms += 2.0 * (gadgets * maxVars + 2 * maxVars + 2 * gadgets);
        // input tie and output point
        terms += c.inputVars() + c.outputVars() + c.batchVars();
        // lookups
        if (c.multTensor() >= 0) {
            terms += Math.pow(2, c.lookupVars()) + Math.pow(2, c.limbBits());
            for (int j = 1; j < Math.max(c.lookupVars(), c.limbBits()); j++) {
                terms += 2 * (3.0 * j + 2);
            }
        }
        // claim reductions: at most ~16 claims per tensor/segment plus the input copies
        terms += 16.0 * (c.tensors().size() + c.weightSegs().size()) + c.batch() + 2.0 * (maxVars + 30);
        if (mode.zk) {
            int stages = 5 + Math.max(c.lookupVars(), c.limbBits());
            // + the final reduction's g: its rounds (degree 2, counted above) and ρ_g
            terms = 2.5 * terms + 2.0 * (maxVars + 2) * stages + 64.0 * (c.tensors().size() + c.weightSegs().size()) + 4;
        }
        double protocol = terms * field;

        // witness: + 1 variable for the pool (at most doubling P); the final mask C_g of the zero-knowledge format
        double pcs = pcsError(mode.pcsParams, c.witnessLayout().totalVars() + (mode.zk ? 1 : 0));
        if (mode.zk) {
            pcs += pcsError(mode.pcsParams, MaskedReduction.maskVars(c.witnessLayout().totalVars() + 1));
        }
        if (c.weightLayout() != null) {
            pcs += Math.pow(2, -TensorSoundness.errorBits(mode.weightCommitmentLayout(c, budget), 1));
        }
        int pad = mode.zk ? 1 : 0; // [x ; R_x], [r ; R_r]
        pcs += pcsError(mode.pcsParams, c.inputVars() + pad) + pcsError(mode.pcsParams, c.outputVars() + pad);
        return new Soundness(-log2(protocol), -log2(pcs), -log2(protocol + pcs));
    }

    private static double pcsError(io.zkgw.prover.pcs.tensor.TensorPcsParams params, int numVars) {
        return Math.pow(2, -TensorSoundness.errorBits(TensorLayout.of(params, java.util.List.of(numVars)), 1));
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
