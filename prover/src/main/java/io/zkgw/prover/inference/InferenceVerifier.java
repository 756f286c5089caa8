package io.zkgw.prover.inference;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.pcs.tensor.TensorCommitment;
import io.zkgw.prover.pcs.tensor.TensorLayout;
import io.zkgw.prover.pcs.tensor.TensorPcsVerifier;
import io.zkgw.prover.sumcheck.MaskedSumcheck;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Verifies an inference proof against the public statement only: D, the model commitment (C_W, hash(D)),
 * and per request C_x, C_r and z. Every shape, size and count comes from D and the number of requests;
 * a rejection is a {@link VerificationException} naming the failed check.
 */
public final class InferenceVerifier {
    private InferenceVerifier() {}

    public static void verify(CircuitDescription d, ModelCommitment model, TensorCommitment input, TensorCommitment mask, long[] z,
            byte[] proof) throws VerificationException {
        verify(d, model, List.of(new RequestStatement(input, mask, z)), proof);
    }

    public static void verify(CircuitDescription d, ModelCommitment model, List<RequestStatement> requests, byte[] proof)
            throws VerificationException {
        verify(d, model, requests, proof, ProofMode.ZERO_KNOWLEDGE);
    }

    /** Package-private: {@link ProofMode#PLAIN_TEST_ONLY} proofs are accepted only here, by tests. */
    static void verify(CircuitDescription d, ModelCommitment model, List<RequestStatement> requests, byte[] proof, ProofMode mode)
            throws VerificationException {
        if (!model.circuitHash().equals(d.hash())) {
            throw new VerificationException("model commitment: hash(D) does not match the circuit description");
        }
        if (requests.isEmpty() || requests.size() > Circuit.MAX_BATCH) {
            throw new VerificationException("statement: " + requests.size() + " requests");
        }
        Circuit c;
        try {
            c = CompiledCircuits.get(d, requests.size(), mode, model.proofBudget());
        } catch (IllegalArgumentException e) {
            throw new VerificationException("circuit description cannot be proved: " + e.getMessage(), e);
        }
        verify(c, model, requests, proof, mode);
    }

    /** With a compiled circuit (tests and services that verify many proofs of one model and batch size). */
    static void verify(Circuit c, ModelCommitment model, List<RequestStatement> requests, byte[] proof) throws VerificationException {
        verify(c, model, requests, proof, ProofMode.ZERO_KNOWLEDGE);
    }

    static void verify(Circuit c, ModelCommitment model, List<RequestStatement> requests, byte[] proof, ProofMode mode)
            throws VerificationException {
        CircuitDescription d = c.description();
        if (requests.size() != c.batch()) {
            throw new VerificationException("statement: " + requests.size() + " requests for a circuit compiled for " + c.batch());
        }
        for (int b = 0; b < requests.size(); b++) {
            long[] z = requests.get(b).z();
            if (z.length != d.outputSize()) {
                throw new VerificationException("statement: z of request " + b + " has " + z.length + " values, the model "
                        + d.outputSize() + " outputs");
            }
            if (!FieldVec.allCanonical(z)) {
                throw new VerificationException("statement: z of request " + b + " has a non-canonical field element");
            }
        }

        Transcript t = Transcript.create(Protocol.NAME, mode.version);
        ProofSource in = new ProofSource(proof, t);
        in.expectVersion(mode.version);
        in.u64("seed");
        Protocol.absorbStatement(t, d.hash(), model.weights().root(), requests);
        Zk zk = null;
        int padBase = -1;
        int maskPadBase = -1;
        PolyLayout witnessLayout = c.witnessLayout();
        if (mode.zk) {
            t.absorbU64("statement/proof-budget", model.proofBudget());
            int poolVars = in.u8Absorbed("zk/pool-vars");
            if (poolVars > Zk.MAX_POOL_VARS) {
                throw new VerificationException("mask pool of 2^" + poolVars + " entries (at most 2^" + Zk.MAX_POOL_VARS + ")");
            }
            zk = Zk.verifier(poolVars);
            padBase = zk.take(requests.size() << c.inputVars());
            maskPadBase = zk.take(requests.size() << c.outputVars());
            witnessLayout = Zk.witnessLayout(c, poolVars);
        }
        Digest witnessRoot = in.digest("witness/commitment");
        in.zk = zk;
        VerifierState s = new VerifierState(c, in);

        Stage zero = new Stage("zero-checks");
        List<Integer> zeroHandles = ZeroChecks.verify(s, zero);
        zero.verify(in, s.claims);
        ZeroChecks.collectChained(c, zeroHandles, zero, s.claims);

        Stage linear = new Stage("linear");
        for (Gadget g : c.gadgets()) {
            g.verifyLinear(s, linear);
        }
        ExtVector rhoX = t.challengeExts("input/point", c.inputVars());
        Ext2 rhoXt = mode.zk ? t.challengeExt("input/pad-weight") : null;
        ExtVector rhoXOpen = mode.zk ? Fx.concat(ExtVector.of(rhoXt), rhoX) : rhoX;
        if (mode.zk && Ext2.ONE.equals(rhoXt)) {
            throw new VerificationException("input: degenerate pad weight");
        }
        List<Ext2> xValues = new ArrayList<>();
        for (int b = 0; b < requests.size(); b++) {
            Ext2 v = in.ext("input/value");
            xValues.add(v);
            s.claims.witness(c.inputTensor(), Fx.concat(Fx.bits(b, c.batchVars()), rhoX),
                    Protocol.unpad(v, rhoXt, rhoX, padBase < 0 ? -1 : padBase + (b << c.inputVars())), "input copy");
        }
        ExtVector rhoOb = t.challengeExts("output/batch-point", c.batchVars());
        ExtVector rhoO = t.challengeExts("output/point", c.outputVars());
        Ext2 rhoOt = mode.zk ? t.challengeExt("output/pad-weight") : null;
        ExtVector rhoOOpen = mode.zk ? Fx.concat(ExtVector.of(rhoOt), rhoO) : rhoO;
        if (mode.zk && Ext2.ONE.equals(rhoOt)) {
            throw new VerificationException("output: degenerate pad weight");
        }
        List<Ext2> rValues = new ArrayList<>();
        List<MVal> rMasked = new ArrayList<>();
        for (int b = 0; b < requests.size(); b++) {
            Ext2 v = in.ext("output/mask-value");
            rValues.add(v);
            rMasked.add(Protocol.unpad(v, rhoOt, rhoO, maskPadBase < 0 ? -1 : maskPadBase + (b << c.outputVars())));
        }
        linear.add(Protocol.outputCheck(c, rhoOb, rhoO, requests, rMasked).instance());
        linear.verify(in, s.claims);

        Stage second = new Stage("im2col");
        for (Gadget g : c.gadgets()) {
            g.verifySecond(s, linear, second);
        }
        second.verify(in, s.claims);

        LogUp.verify(s);

        Stage.Result rW = null;
        if (c.weightLayout() != null) {
            PolyLayout wl = mode.zk ? Zk.weightLayout(c, model.proofBudget()) : c.weightLayout();
            Stage reduceW = new Stage("weight claim reduction");
            ExtVector aW = t.challengeExts("reduce/weights", s.claims.weights.size());
            int hW = reduceW.add(Reduction.instance("weight claims", wl, s.claims.weights, aW));
            reduceW.verify(in, new Claims());
            rW = reduceW.result(hW);
        }
        if (zk != null) {
            zk.take(MaskedReduction.FRESH_ENTRIES);
            if (!zk.fits()) {
                throw new VerificationException("the masks need " + zk.used() + " pool entries, the proof commits " + zk.size());
            }
        }
        in.zk = null;
        Digest finalMaskRoot = mode.zk ? in.digest("reduce/mask-commitment") : null;
        List<Claims.Claim> witnessClaims = s.claims.witnessBySegment(c);
        ExtVector aw = t.challengeExts("reduce/witness", witnessClaims.size() + (zk == null ? 0 : zk.poolClaims.size()));
        ExtVector witnessPoint;
        Ext2 witnessValue;
        EvalClaim finalMaskClaim = null;
        if (zk == null) {
            Stage reduce = new Stage("claim reduction");
            int hw = reduce.add(Reduction.lastFirst("witness claims", witnessLayout, witnessClaims, aw));
            reduce.verify(in, new Claims());
            witnessPoint = reduce.result(hw).point().reversed();
            witnessValue = reduce.result(hw).value(1);
        } else {
            Ext2 claim = MaskedReduction.claim(witnessClaims, zk, aw);
            Instance inst = MaskedReduction.instance(witnessLayout, witnessClaims, zk, aw, claim);
            MaskedSumcheck.Result res;
            try {
                res = MaskedSumcheck.verify(List.of(inst.numVars()), List.of(claim), List.of(2), MaskedReduction.DEGREE,
                        (what, count) -> in.rawExts("final claim reduction: " + what, count), t);
            } catch (io.zkgw.prover.codec.DecodingException e) {
                throw e;
            } catch (VerificationException e) {
                throw new VerificationException("final claim reduction: " + e.getMessage(), e);
            }
            if (Stage.TAP.get() != null) {
                Stage.TAP.get().stage("claim reduction", res.rounds(), res.finals(), List.of(inst), List.of(res.point()));
            }
            // G(σ) is the verifier's own; P(σ) goes to the witness opening, and the rest of the final check to C_g's
            Instance.Public weights = (Instance.Public) inst.slots().getFirst();
            if (!weights.mle().apply(res.point()).equals(res.finals().getFirst().get(0))) {
                throw new VerificationException("final claim reduction: wrong value of public claim weights");
            }
            witnessPoint = res.point().reversed();
            witnessValue = res.finals().getFirst().get(1);
            finalMaskClaim = EvalClaim.ofWeights(0, MaskedReduction.maskClaimWeights(res.point(), res.rhoMask()), MaskedReduction.maskClaimValue(res));
        }

        TensorPcsVerifier pcs = mode.pcsVerifier;
        // the witness is committed as the prefix its segments fill: public, from D, B and the pool
        TensorLayout wLayout = TensorLayout.ofPrefix(pcs.params(), witnessLayout.totalVars(), witnessLayout.used());
        open("witness opening", pcs, List.of(new TensorCommitment(witnessRoot)), List.of(wLayout), witnessPoint, List.of(witnessValue), in);
        if (finalMaskClaim != null) {
            open("final check of the claim reduction (opening of the final mask C_g)", pcs, new TensorCommitment(finalMaskRoot), pcs.layout(List.of(MaskedReduction.maskVars(witnessLayout.totalVars()))),
                    finalMaskClaim, in);
        }
        int pad = mode.zk ? 1 : 0;
        TensorLayout x = pcs.layout(List.of(c.inputVars() + pad));
        open("input opening (C_x of every request)", pcs, requests.stream().map(RequestStatement::input).toList(),
                Collections.nCopies(requests.size(), x), rhoXOpen, xValues, in);
        TensorLayout r = pcs.layout(List.of(c.outputVars() + pad));
        open("mask opening (C_r of every request)", pcs, requests.stream().map(RequestStatement::mask).toList(),
                Collections.nCopies(requests.size(), r), rhoOOpen, rValues, in);
        if (rW != null) {
            TensorPcsVerifier weightPcs = new TensorPcsVerifier(mode.weightParams(model.proofBudget()));
            TensorLayout w = mode.weightCommitmentLayout(c, model.proofBudget());
            // C_W jointly with this proof's fresh masks-only commitment of the same width
            Digest weightMasksRoot = mode.hiding() ? in.digest("weights/mask-commitment") : null;
            List<TensorCommitment> trees = weightMasksRoot == null ? List.of(model.weights())
                    : List.of(model.weights(), new TensorCommitment(weightMasksRoot));
            List<TensorLayout> layouts = weightMasksRoot == null ? List.of(w)
                    : List.of(w, TensorLayout.masksOnly(weightPcs.params(), w.logCols()));
            open("weights opening (C_W)", weightPcs, trees, layouts, rW.point(), List.of(rW.value(1)), in);
        }
        in.expectEnd();
    }

    /**
     * Test hook (the attack test plays an observer of proofs): when set on the verifying thread, it sees
     * every PCS opening with its claims and bytes. Unset in production; it changes nothing it observes.
     */
    interface OpeningTap {
        void opened(String what, List<EvalClaim> claims, byte[] bytes);
    }

    static final ThreadLocal<OpeningTap> OPENING_TAP = new ThreadLocal<>();

    /** One (joint) PCS opening at one point; values[i] is the claim on the first polynomial of tree i that has one. */
    private static void open(String what, TensorPcsVerifier pcs, List<TensorCommitment> commitments, List<TensorLayout> layouts,
            ExtVector point, List<Ext2> values, ProofSource in) throws VerificationException {
        open(what, pcs, commitments, layouts, Protocol.jointClaims(point, values), in);
    }

    /** The opening of one commitment with one claim (a weighted one: the final mask). */
    private static void open(String what, TensorPcsVerifier pcs, TensorCommitment commitment, TensorLayout layout, EvalClaim claim,
            ProofSource in) throws VerificationException {
        open(what, pcs, List.of(commitment), List.of(layout), List.of(claim), in);
    }

    private static void open(String what, TensorPcsVerifier pcs, List<TensorCommitment> commitments, List<TensorLayout> layouts,
            List<EvalClaim> claims, ProofSource in) throws VerificationException {
        byte[] bytes = in.blob(what);
        OpeningTap tap = OPENING_TAP.get();
        if (tap != null) {
            tap.opened(what, claims, bytes);
        }
        try {
            pcs.verifyEncodedJointLayouts(commitments, layouts, claims, bytes, in.transcript());
        } catch (VerificationException e) {
            throw new VerificationException(what + ": " + e.getMessage(), e);
        }
    }
}
