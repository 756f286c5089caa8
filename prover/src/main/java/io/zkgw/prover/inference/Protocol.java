package io.zkgw.prover.inference;

import static io.zkgw.prover.field.Goldilocks.add;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.pcs.tensor.TensorPcsParams;
import io.zkgw.prover.pcs.tensor.TensorPcsVerifier;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.transcript.Transcript;
import java.util.List;

/** Constants and steps that prover and verifier share verbatim. */
final class Protocol {
    static final String NAME = "zkgw/inference-proof";
    /**
     * 2: the input and mask commitments of a batch are opened jointly (one opening each, not one per request).
     * 3: hiding commitments and openings (tensor PCS version 2), the weights opened jointly with a fresh
     * masks-only commitment whose root follows the witness root.
     * 4: zero knowledge: a mask pool in the witness, masked batched sumchecks (Libra/CFS g, masked final
     * values, claims with unknown parts), masked sent values, the fully masked claim reduction; C_W with a
     * proof budget.
     * 5: the PCS parameters of opening versions 3 and 4 (180 queries for the hiding openings instead of 280, the
     * padding t·K of C_W with it; docs/proof-system.md §8.1).
     * 6: the witness committed as the prefix its segments fill (no rows for its padding), with R interleaved
     * (P'(x, y) = (1 − y)·P(x) + y·R(x), opened at (σ, λ/(1 + λ))) and zero on the padding.
     * 7: the final claim reduction masked by a Libra polynomial g committed in its own small hiding commitment (the
     * final mask C_g, root after the weight masks' root, opened with a weighted claim after the witness) instead of
     * R; the witness committed without R; two unused pool entries make the sent P(σ) uniform ({@link MaskedReduction}).
     * 8: the witness claim reduction (both formats) binds the witness's variables from the last to the first, so the
     * prover works on the used entries only, not on the zero padding ({@link Reduction#lastFirst}); the witness is
     * opened at the reversed round point.
     * 9: each mask commitment is bound when it is first needed: the final mask's root just before the witness claim
     * reduction, the weight masks' root just before the opening of C_W, which comes last (after C_x and C_r), so
     * that both are committed on another worker while this one proves (both formats follow the new order); the
     * witness's hiding prefix layout is narrowed like a budgeted one (docs/proof-system.md §10.5).
     * 10: the tensor PCS openings no longer absorb their opened columns, salts and siblings (fixed by the roots
     * absorbed before), so every challenge after the first opening changes; the openings' bytes and checks are
     * those of version 9 (docs/proof-system.md §6.4 step 5).
     */
    static final int VERSION = 10;
    /** Version byte of the non-hiding format that only tests produce ({@link ProofMode#PLAIN_TEST_ONLY}). */
    static final int PLAIN_TEST_VERSION = 0x86;
    static final TensorPcsParams PCS_PARAMS = TensorPcsParams.HIDING;
    static final TensorPcsVerifier PCS_VERIFIER = new TensorPcsVerifier(PCS_PARAMS);

    private Protocol() {}

    /** Claims of a joint opening: commitment b's (only) polynomial takes values[b] at the shared point. */
    static List<EvalClaim> jointClaims(ExtVector point, List<Ext2> values) {
        java.util.ArrayList<EvalClaim> out = new java.util.ArrayList<>(values.size());
        for (int b = 0; b < values.size(); b++) {
            out.add(new EvalClaim(b, point, values.get(b)));
        }
        return out;
    }

    /**
     * The value of a requester polynomial at ρ from its opened, padded commitment (zero-knowledge format):
     * C(ρ_t, ρ) = (1 − ρ_t)·T~(ρ) + ρ_t·R~(ρ), with R held in the mask pool at {@code poolBase}; so
     * T~(ρ) = (C(ρ_t, ρ) − ρ_t·R~(ρ))/(1 − ρ_t). Plain format (poolBase &lt; 0): the opened value itself.
     */
    static MVal unpad(Ext2 opened, Ext2 rhoT, ExtVector rho, int poolBase) {
        if (poolBase < 0) {
            return MVal.of(opened);
        }
        Ext2 inv = Ext2.ONE.sub(rhoT).inv();
        return new MVal(opened.mul(inv), LinForm.dense(poolBase, io.zkgw.prover.poly.Mle.eqTable(rho), rhoT.mul(inv).neg()));
    }

    /** Binds the public statement: hash(D), C_W, the batch size, and per request C_x, C_r and z. */
    static void absorbStatement(Transcript t, Digest circuitHash, Digest weightsRoot, List<RequestStatement> items) {
        t.absorbDigest("statement/circuit", circuitHash);
        t.absorbDigest("statement/weights", weightsRoot);
        t.absorbU64("statement/batch", items.size());
        for (RequestStatement s : items) {
            t.absorbDigest("statement/input-commitment", s.input().root());
            t.absorbDigest("statement/mask-commitment", s.mask().root());
            t.absorbFields("statement/masked-output", s.z());
        }
    }

    /**
     * The output check over (batch, output layout): Σ_{b,u} Ξ(b)·S(u)·y(b, u) = Σ_{b<B} eq(ρ_b, b)·(z~_b(ρ) − r~_b(ρ)),
     * with Ξ(b) = eq(ρ_b, b)·[b < B] and S(u) = Σ_i eq(ρ, i)·[L_y(i) = u] over real output elements i.
     */
    record OutputCheck(Instance instance, long[][] selection) {}

    static OutputCheck outputCheck(Circuit c, ExtVector rhoB, ExtVector rho, List<RequestStatement> items, List<MVal> maskValues) {
        Circuit.Act y = c.output();
        long[][] eqO = Mle.eqTable(rho);
        long[][] eqB = Mle.eqTable(rhoB);
        MVal claim = MVal.of(Ext2.ZERO);
        for (int b = 0; b < items.size(); b++) {
            long[] z = items.get(b).z();
            long s0 = 0;
            long s1 = 0;
            for (int i = 0; i < z.length; i++) {
                s0 = add(s0, io.zkgw.prover.field.Goldilocks.mul(z[i], eqO[0][i]));
                s1 = add(s1, io.zkgw.prover.field.Goldilocks.mul(z[i], eqO[1][i]));
            }
            Ext2 zb = new Ext2(s0, s1);
            claim = claim.add(MVal.of(zb).sub(maskValues.get(b)).mul(new Ext2(eqB[0][b], eqB[1][b])));
        }
        int per = 1 << y.vars;
        long[] re = new long[per << c.batchVars()];
        long[] im = new long[re.length];
        for (int b = 0; b < items.size(); b++) {
            for (int i = 0; i < y.size; i++) {
                int at = b * per + y.pos[i];
                re[at] = Ext2.mulRe(eqB[0][b], eqB[1][b], eqO[0][i], eqO[1][i]);
                im[at] = Ext2.mulIm(eqB[0][b], eqB[1][b], eqO[0][i], eqO[1][i]);
            }
        }
        long[][] sel = {re, im};
        return new OutputCheck(new Instance("output = z − r", c.batchVars() + y.vars, Linear.PRODUCT, claim,
                List.of(new Instance.Witness(y.tensor, Fx.empty()), new Instance.Public("output selection", x -> Fx.evaluate(sel, x)))),
                sel);
    }
}
