package io.zkgw.prover.inference;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.IntModel;
import io.zkgw.ir.Witness;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.hash.AesPrg;
import io.zkgw.prover.parallel.Parallel;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.pcs.tensor.TensorPcsProver;
import io.zkgw.prover.pcs.tensor.TensorProverData;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.poly.MleTable;
import io.zkgw.prover.sumcheck.MaskedSumcheck;
import io.zkgw.prover.sumcheck.MaskedSumcheckProver;
import io.zkgw.prover.sumcheck.SumcheckProver;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinTask;

/**
 * Proves z = M_W(x) + r for B requests of one committed model (docs/inference-proofs.md). Deterministic:
 * the same inputs and seed give the same bytes, whichever engine computed the witness.
 */
public final class InferenceProver {
    private InferenceProver() {}

    /** One request. */
    public static InferenceProof prove(CommittedModel model, Witness witness, RequesterCommitments request, long seed) {
        return prove(model, List.of(witness), List.of(request), seed);
    }

    /**
     * B requests in one proof sharing the weight opening.
     *
     * <p>Prove each request once: the requester's hiding commitments protect one opening. Proving the same
     * statement again with the same seed gives the same bytes (all blinding is derived from the model's key
     * and the statement), so a retry is safe; another seed would open C_x and C_r at new positions with the
     * same masks and reveal x and r (docs/inference-proofs.md §11).
     *
     * @param model     the committed model (weights and their PCS data)
     * @param witnesses per request, the witness of the integer model on its input (ONNX Runtime or the interpreter)
     * @param requests  per request, the requester's commitments and opening; the commitments are recomputed
     * @param seed      prover seed, written into the proof and absorbed first into the transcript
     */
    public static InferenceProof prove(CommittedModel model, List<Witness> witnesses, List<RequesterCommitments> requests, long seed) {
        return prove(model, witnesses, requests, seed, true, null);
    }

    /**
     * A statement a cheating prover claims instead of the one its data gives (tests of the verifier):
     * another model commitment and/or other request statements (C_x, C_r, z).
     */
    record Claimed(ModelCommitment model, List<RequestStatement> requests) {}

    /**
     * With selfCheck off the prover goes on with a witness that does not satisfy the model; with a claimed
     * statement it binds the transcript to that statement while opening its own data. Both only for tests
     * that check the verifier catches what an honest prover would refuse to do.
     */
    static InferenceProof prove(CommittedModel model, List<Witness> witnesses, List<RequesterCommitments> requests, long seed,
            boolean selfCheck, Claimed claimed) {
        ProofMode mode = model.mode();
        int batch = witnesses.size();
        if (batch == 0 || requests.size() != batch) {
            throw new IllegalArgumentException(batch + " witnesses for " + requests.size() + " requests");
        }
        IntModel im = model.model();
        CircuitDescription d = model.description();
        Circuit c = model.circuit(batch);
        Soundness.of(c, mode, model.proofBudget()).requireTarget(batch);
        long phase = System.nanoTime();

        // The requests: the prover's data of C_x and C_r (computed with the commitments, as the provider's payload
        // check does, or recomputed from the opening), checked against them; check the witnesses use x; z = y + r.
        // The 2B commitments are independent and, for a small model, most of the proof's fixed cost: recomputed in
        // parallel, then checked in request order (the first mismatch is the one reported)
        TensorProverData[][] recomputed = requests.parallelStream().map(rq -> rq.takeProverData(d, mode)).toArray(TensorProverData[][]::new);
        List<TensorProverData> xData = new ArrayList<>();
        List<TensorProverData> rData = new ArrayList<>();
        List<RequestStatement> statements = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            RequesterCommitments rq = requests.get(b);
            try {
                RequesterCommitments.requireMatch(recomputed[b], rq.input(), rq.mask());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(batch == 1 ? e.getMessage() : "request " + b + " of the batch: " + e.getMessage(), e);
            }
            xData.add(recomputed[b][RequesterCommitments.INPUT]);
            rData.add(recomputed[b][RequesterCommitments.MASK]);
            Witness w = witnesses.get(b);
            if (!Arrays.equals(w.input(), rq.opening().x())) {
                throw new IllegalArgumentException("witness " + b + " is not for the requester's input");
            }
            if (w.outputs().size() != im.ops().size()) {
                throw new IllegalArgumentException("witness " + b + " has " + w.outputs().size() + " op outputs, the model " + im.ops().size());
            }
            long[] y = w.output();
            long[] r = rq.opening().r();
            long[] z = new long[y.length];
            for (int i = 0; i < y.length; i++) {
                z[i] = Goldilocks.add(Goldilocks.fromSigned(y[i]), r[i]);
            }
            statements.add(new RequestStatement(rq.input(), rq.mask(), z));
        }
        ProofPhases.mark(phase, mode, "requests: C_x, C_r data (held or recomputed) checked, z");
        List<Witness> slots = new ArrayList<>(witnesses);
        if (slots.size() < c.batchSlots()) {
            Witness dummy = IntInterpreter.run(im, new long[d.inputSize()]);
            while (slots.size() < c.batchSlots()) {
                slots.add(dummy);
            }
        }

        if (claimed != null && claimed.requests() != null) {
            statements = claimed.requests();
        }
        ModelCommitment mc = claimed != null && claimed.model() != null ? claimed.model() : model.commitment();
        // the masks a proof needs are a function of D, B and K only, so is the pool size (exact: the smallest that
        // fits, at least 2^6), and the same statement and seed give the same bytes in any JVM
        String cacheKey = d.hash().toHex() + "/" + batch + "/" + model.proofBudget();
        int poolVars = POOL_VARS.getOrDefault(cacheKey, 6);
        while (true) {
            try {
                // sized by the last proof of this D and B (sizes vary a little with the query positions): timing only
                Integer last = PROOF_SIZES.get(cacheKey);
                int capacity = last == null ? 1 << 14 : last + (last >>> 4);
                InferenceProof proof = proveOnce(model, c, slots, statements, mc, xData, rData, seed, selfCheck, poolVars, capacity);
                PROOF_SIZES.put(cacheKey, proof.size());
                return proof;
            } catch (PoolOverflow e) {
                // the masks this circuit needs did not fit: prove again with a pool that fits (once per D and B)
                poolVars = e.neededVars;
                POOL_VARS.put(cacheKey, poolVars);
            }
        }
    }

    /** Pool sizes (log2) that fit, per hash(D) and batch size: a function of D and B only. */
    static final java.util.concurrent.ConcurrentHashMap<String, Integer> POOL_VARS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The size of the last proof per hash(D), batch size and budget: the next one's buffer is allocated once. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Integer> PROOF_SIZES = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class PoolOverflow extends RuntimeException {
        final int neededVars;

        PoolOverflow(int neededVars) {
            super(null, null, false, false);
            this.neededVars = neededVars;
        }
    }

    private static InferenceProof proveOnce(CommittedModel model, Circuit c, List<Witness> slots,
            List<RequestStatement> statements, ModelCommitment mc, List<TensorProverData> xData, List<TensorProverData> rData, long seed,
            boolean selfCheck, int poolVars, int capacity) {
        ProofMode mode = model.mode();
        long phase = System.nanoTime();
        TensorPcsProver pcs = new TensorPcsProver(mode.pcsParams);
        TensorPcsProver weightPcs = new TensorPcsProver(mode.weightParams(model.proofBudget()));
        CircuitDescription d = model.description();
        int batch = statements.size();
        Transcript t = Transcript.create(Protocol.NAME, mode.version);
        ProofSink out = new ProofSink(t, selfCheck, capacity);
        out.u8(mode.version);
        out.u64("seed", seed);
        Protocol.absorbStatement(t, d.hash(), mc.weights().root(), statements);
        if (mode.zk) {
            t.absorbU64("statement/proof-budget", mc.proofBudget());
        }
        // this proof's blinding: from the provider's secret key and everything absorbed so far (seed and statement)
        byte[] statementDigest = t.state().toByteArray();
        // Two hiding commitments depend on the statement alone and are made on another worker while this one proves:
        // the final mask C_g (the coefficients of the final reduction's masking polynomial g), forked first because it
        // is small and bound first, before the witness reduction; then the fresh masks for this proof's opening of C_W
        // (opened in every proof), bound only before that opening, last. When they are forked is chosen by
        // masksAtLogUp below. (The witness's segments, the pool last in the zero-knowledge format: a function of D,
        // B and poolVars.)
        PolyLayout witnessLayout = mode.zk ? Zk.witnessLayout(c, poolVars) : c.witnessLayout();
        ForkJoinTask<TensorProverData> finalMaskTask = null;
        long[] finalMaskTable = null;
        if (mode.zk) {
            int n = witnessLayout.totalVars();
            long[] table = MaskedReduction.maskTable(new AesPrg("zkgw/inference/final-mask", model.proofBlinding("final-mask", statementDigest)), n);
            byte[] seedOfBlinding = model.proofBlinding("final-mask-blinding", statementDigest);
            finalMaskTask = ForkJoinTask.adapt(() -> pcs.commit(List.of(table), blinding(pcs, seedOfBlinding)));
            finalMaskTable = table;
        }
        ForkJoinTask<TensorProverData> weightMasksTask = null;
        if (mode.hiding() && c.weightLayout() != null) {
            byte[] seedOfMasks = model.proofBlinding("weight-masks", statementDigest);
            weightMasksTask = ForkJoinTask.adapt(() -> weightPcs.commitMasks(model.data().layout().logCols(), blinding(weightPcs, seedOfMasks)));
        }
        // A witness above the parallel grain is committed and zero-checked on both workers, and masks made meanwhile
        // would halve those stages' speed; LogUp's passes leave the second worker mostly idle, so such a proof forks
        // its masks there, well before either is bound. A smaller witness leaves the second worker idle from the
        // start, and its masks (a codeword as long as C_W's) are most of its proof's work: forked at once.
        // (docs/performance.md, "When the masks are made".) Timing only: the bytes are the same either way.
        boolean masksAtLogUp = witnessLayout.used() > Parallel.DEFAULT_GRAIN;
        if (!masksAtLogUp) {
            forkMasks(finalMaskTask, weightMasksTask);
        }

        ProverState s = new ProverState(c, out, model.segments(), slots);
        fillInput(s);
        for (Gadget g : c.gadgets()) {
            GadgetProver.fill(g, s);
        }
        fillLimbs(s);
        LogUpProver.fillMultiplicities(s);
        for (int i = 0; i < s.tables.length; i++) {
            if (s.tables[i] == null) {
                throw new IllegalStateException("witness tensor " + c.tensors().get(i).name() + " was not filled");
            }
        }
        phase = ProofPhases.mark(phase, mode, "statement absorbed, witness computed");
        long[] witnessPoly;
        Zk zk = null;
        int padBase = -1;
        int maskPadBase = -1;
        if (mode.zk) {
            out.u8Absorbed("zk/pool-vars", poolVars);
            zk = Zk.prover(poolVars, model.proofBlinding("mask-pool", statementDigest));
            padBase = zk.take(batch << c.inputVars());
            maskPadBase = zk.take(batch << c.outputVars());
            // R_x and R_r from the requesters' committed [x ; R_x] and [r ; R_r], checked against C_x and C_r above
            for (int b = 0; b < batch; b++) {
                zk.fill(padBase + (b << c.inputVars()), xData.get(b).entries(0, 1 << c.inputVars(), 1 << c.inputVars()));
                zk.fill(maskPadBase + (b << c.outputVars()), rData.get(b).entries(0, 1 << c.outputVars(), 1 << c.outputVars()));
            }
            long[][] segs = java.util.Arrays.copyOf(c.committedTables(s.tables), c.witnessLayout().segments() + 1);
            segs[segs.length - 1] = zk.pool;
            witnessPoly = witnessLayout.assemble(segs);
        } else {
            witnessPoly = witnessLayout.assemble(c.committedTables(s.tables));
        }
        // this proof's own blinding (witness commitment, weight masks, mask pool, final mask): nobody else recomputes it,
        // so it comes from the AES-CTR generator (docs/proof-system.md §10.1); the padding past the segments is not committed
        TensorProverData wd = pcs.commitPrefix(witnessLayout.totalVars(), witnessPoly, witnessLayout.used(),
                blinding(pcs, model.proofBlinding("witness-blinding", statementDigest)));
        out.digest("witness/commitment", wd.commitment().root());
        phase = ProofPhases.mark(phase, mode, "witness assembled and committed");
        out.zk = zk;

        ProverStage zero = new ProverStage("zero-checks");
        List<Integer> zeroHandles = ZeroCheckProver.prove(s, zero);
        zero.prove(out, s.claims);
        ZeroChecks.collectChained(c, zeroHandles, zero, s.claims);
        phase = ProofPhases.mark(phase, mode, "zero-checks");

        ProverStage linear = new ProverStage("linear");
        for (Gadget g : c.gadgets()) {
            GadgetProver.proveLinear(g, s, linear);
        }
        ExtVector rhoX = t.challengeExts("input/point", c.inputVars());
        Ext2 rhoXt = mode.zk ? t.challengeExt("input/pad-weight") : null;
        ExtVector rhoXOpen = mode.zk ? Fx.concat(ExtVector.of(rhoXt), rhoX) : rhoX;
        // the values opened: of the committed polynomials themselves ([x ; R_x] and [r ; R_r] in the zero-knowledge format)
        int pad = mode.zk ? 1 : 0;
        List<Ext2> xValues = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            Ext2 v = Mle.evaluate(xData.get(b).entries(0, 0, 1 << (c.inputVars() + pad)), rhoXOpen);
            out.ext("input/value", v);
            xValues.add(v);
            s.claims.witness(c.inputTensor(), Fx.concat(Fx.bits(b, c.batchVars()), rhoX),
                    Protocol.unpad(v, rhoXt, rhoX, padBase < 0 ? -1 : padBase + (b << c.inputVars())), "input copy");
        }
        ExtVector rhoOb = t.challengeExts("output/batch-point", c.batchVars());
        ExtVector rhoO = t.challengeExts("output/point", c.outputVars());
        Ext2 rhoOt = mode.zk ? t.challengeExt("output/pad-weight") : null;
        ExtVector rhoOOpen = mode.zk ? Fx.concat(ExtVector.of(rhoOt), rhoO) : rhoO;
        List<Ext2> rValues = new ArrayList<>();
        List<MVal> rMasked = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            Ext2 v = Mle.evaluate(rData.get(b).entries(0, 0, 1 << (c.outputVars() + pad)), rhoOOpen);
            out.ext("output/mask-value", v);
            rValues.add(v);
            rMasked.add(Protocol.unpad(v, rhoOt, rhoO, maskPadBase < 0 ? -1 : maskPadBase + (b << c.outputVars())));
        }
        Protocol.OutputCheck oc = Protocol.outputCheck(c, rhoOb, rhoO, statements, rMasked);
        linear.add(oc.instance(), List.of(MleTable.ofBase(s.tables[c.output().tensor]), GadgetProver.table(oc.selection())));
        linear.prove(out, s.claims);
        phase = ProofPhases.mark(phase, mode, "input, output and linear stage");

        ProverStage second = new ProverStage("im2col");
        for (Gadget g : c.gadgets()) {
            GadgetProver.proveSecond(g, s, linear, second);
        }
        second.prove(out, s.claims);
        phase = ProofPhases.mark(phase, mode, "im2col stage");

        if (masksAtLogUp) {
            forkMasks(finalMaskTask, weightMasksTask);
        }
        LogUpProver.prove(s);
        phase = ProofPhases.mark(phase, mode, "LogUp");

        // One claim per commitment: the weights first (a masked stage in the zero-knowledge format, whose final
        // check is one more pool claim), then the witness (with every pool claim).
        Stage.Result rW = null;
        if (c.weightLayout() != null) {
            PolyLayout wl = mode.zk ? Zk.weightLayout(c, model.proofBudget()) : c.weightLayout();
            ProverStage reduceW = new ProverStage("weight claim reduction");
            ExtVector aW = t.challengeExts("reduce/weights", s.claims.weights.size());
            int hW = reduceW.add(Reduction.instance("weight claims", wl, s.claims.weights, aW),
                    ReductionProver.tables(wl, s.claims.weights, aW, model.weightPolynomial(c)));
            reduceW.prove(out, new Claims());
            rW = reduceW.result(hW);
            phase = ProofPhases.mark(phase, mode, "weight claim reduction");
        }
        if (zk != null) {
            // entries no claim uses: they make the final reduction's sent value P(σ) uniform
            zk.take(MaskedReduction.FRESH_ENTRIES);
            if (!zk.fits()) {
                throw new PoolOverflow(Fx.log2Ceil(zk.used()));
            }
        }
        out.zk = null;
        // g is bound before the reduction that it masks, and not earlier, so that the worker commits it meanwhile
        TensorProverData finalMask = null;
        if (finalMaskTask != null) {
            finalMask = finalMaskTask.join();
            out.digest("reduce/mask-commitment", finalMask.commitment().root());
            phase = ProofPhases.mark(phase, mode, "wait for the final mask");
        }
        List<Claims.Claim> witnessClaims = s.claims.witnessBySegment(c);
        ExtVector aw = t.challengeExts("reduce/witness", witnessClaims.size() + (zk == null ? 0 : zk.poolClaims.size()));
        ExtVector witnessPoint;
        Ext2 witnessValue;
        EvalClaim finalMaskClaim = null;
        if (zk == null) {
            ProverStage reduce = new ProverStage("claim reduction");
            int hw = reduce.add(Reduction.lastFirst("witness claims", witnessLayout, witnessClaims, aw),
                    ReductionProver.lastFirstTables(witnessLayout, witnessClaims, aw, witnessPoly));
            reduce.prove(out, new Claims());
            witnessPoint = reduce.result(hw).point().reversed();
            witnessValue = reduce.result(hw).value(1);
        } else {
            // the masked sumcheck of Σ G·P with g from the final mask (MaskedReduction)
            Ext2 claim = MaskedReduction.claim(witnessClaims, zk, aw);
            List<MleTable> tables = List.of(ReductionProver.zkWeights(witnessLayout, witnessClaims, zk, aw),
                    MleTable.lastFirstOfBase(witnessPoly, witnessLayout.totalVars(), witnessLayout.used()));
            Ext2[] mask = MaskedReduction.coefficients(finalMaskTable, witnessLayout.totalVars());
            MaskedSumcheck.Result res;
            try {
                res = MaskedSumcheckProver.prove(List.of(new MaskedSumcheckProver.Instance(
                        new SumcheckProver.Instance(Linear.PRODUCT, tables, claim), claim, null)), mask, MaskedReduction.DEGREE, t, selfCheck);
            } catch (SumcheckProver.FalseClaim e) {
                throw new IllegalStateException("witness does not satisfy the final claim reduction", e);
            }
            out.rawExt(res.maskSum());
            res.rounds().forEach(out::rawExts);
            res.finals().forEach(out::rawExts);
            witnessPoint = res.point().reversed();
            witnessValue = res.finals().getFirst().get(1);
            finalMaskClaim = EvalClaim.ofWeights(0, MaskedReduction.maskClaimWeights(res.point(), res.rhoMask()), MaskedReduction.maskClaimValue(res));
        }

        phase = ProofPhases.mark(phase, mode, "witness claim reduction");
        out.blob(pcs.open(wd, List.of(new EvalClaim(0, witnessPoint, witnessValue)), t));
        phase = ProofPhases.mark(phase, mode, "witness opening");
        if (finalMaskClaim != null) {
            out.blob(pcs.open(finalMask, List.of(finalMaskClaim), t));
            phase = ProofPhases.mark(phase, mode, "final mask opening");
        }
        // Every request's C_x (and every C_r) has the same layout: one joint opening each, whose soundness
        // error is that of a single opening whatever B is.
        out.blob(pcs.openJoint(xData, Protocol.jointClaims(rhoXOpen, xValues), t));
        out.blob(pcs.openJoint(rData, Protocol.jointClaims(rhoOOpen, rValues), t));
        phase = ProofPhases.mark(phase, mode, "C_x and C_r openings");
        if (rW != null) {
            // the fresh masks serve this opening only: bound just before it, so their commitment (a codeword as long
            // as C_W's) runs on another worker while this one proves every stage and the other openings
            List<TensorProverData> trees = List.of(model.data());
            if (weightMasksTask != null) {
                TensorProverData weightMasks = weightMasksTask.join();
                out.digest("weights/mask-commitment", weightMasks.commitment().root());
                trees = List.of(model.data(), weightMasks);
                phase = ProofPhases.mark(phase, mode, "wait for the weight masks");
            }
            out.blob(weightPcs.openJoint(trees, List.of(new EvalClaim(0, rW.point(), rW.value(1))), t));
            ProofPhases.mark(phase, mode, "C_W opening");
        }
        return new InferenceProof(out.toByteArray(), statements.stream().map(RequestStatement::z).toList());
    }

    /** Starts the mask commitments (either may be absent) on the common pool, C_g first: it is bound first. */
    private static void forkMasks(ForkJoinTask<?> finalMask, ForkJoinTask<?> weightMasks) {
        if (finalMask != null) {
            finalMask.fork();
        }
        if (weightMasks != null) {
            weightMasks.fork();
        }
    }

    /** The generator of one of this proof's own hiding commitments (none for the plain test format). */
    private static AesPrg blinding(TensorPcsProver pcs, byte[] seed) {
        return pcs.params().hiding() ? new AesPrg(TensorPcsProver.BLINDING_DOMAIN, seed) : null;
    }

    private static void fillInput(ProverState s) {
        Circuit.Act in = s.circuit.input();
        long[] t = s.alloc(in.tensor);
        int per = 1 << in.vars;
        for (int b = 0; b < s.witnesses.size(); b++) {
            long[] x = s.witnesses.get(b).input();
            for (int i = 0; i < x.length; i++) {
                t[b * per + in.pos[i]] = Goldilocks.fromSigned(x[i]);
            }
        }
    }

    /** Limbs of range checks on expressions: decomposes expr (an integer in [0, 2^bits)) at every point. */
    private static void fillLimbs(ProverState s) {
        for (Circuit.LimbFill f : s.circuit.limbFills()) {
            int n = 1 << s.circuit.tensors().get(f.limbs()[0]).numVars();
            for (int u = 0; u < n; u++) {
                s.putLimbs(f.limbs(), f.bits(), u, f.expr().at(s.tables, u), f.name());
            }
        }
    }
}
