package io.zkgw.prover.inference;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.pcs.tensor.TensorCommitment;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
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
        if (!model.circuitHash().equals(d.hash())) {
            throw new VerificationException("model commitment: hash(D) does not match the circuit description");
        }
        if (requests.isEmpty() || requests.size() > Circuit.MAX_BATCH) {
            throw new VerificationException("statement: " + requests.size() + " requests");
        }
        Circuit c;
        try {
            c = Circuit.compile(d, requests.size());
            Soundness.of(c).requireTarget(requests.size());
        } catch (IllegalArgumentException e) {
            throw new VerificationException("circuit description cannot be proved: " + e.getMessage(), e);
        }
        verify(c, model, requests, proof);
    }

    /** With a compiled circuit (tests and services that verify many proofs of one model and batch size). */
    static void verify(Circuit c, ModelCommitment model, List<RequestStatement> requests, byte[] proof) throws VerificationException {
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

        Transcript t = Transcript.create(Protocol.NAME, Protocol.VERSION);
        ProofSource in = new ProofSource(proof, t);
        in.expectVersion(Protocol.VERSION);
        in.u64("seed");
        Protocol.absorbStatement(t, d.hash(), model.weights().root(), requests);
        Digest witnessRoot = in.digest("witness/commitment");
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
        List<Ext2> xValues = new ArrayList<>();
        for (int b = 0; b < requests.size(); b++) {
            Ext2 v = in.ext("input/value");
            xValues.add(v);
            s.claims.witness(c.inputTensor(), Fx.concat(Fx.bits(b, c.batchVars()), rhoX), v, "input copy");
        }
        ExtVector rhoOb = t.challengeExts("output/batch-point", c.batchVars());
        ExtVector rhoO = t.challengeExts("output/point", c.outputVars());
        List<Ext2> rValues = new ArrayList<>();
        for (int b = 0; b < requests.size(); b++) {
            rValues.add(in.ext("output/mask-value"));
        }
        linear.add(Protocol.outputCheck(c, rhoOb, rhoO, requests, rValues).instance());
        linear.verify(in, s.claims);

        Stage second = new Stage("im2col");
        for (Gadget g : c.gadgets()) {
            g.verifySecond(s, linear, second);
        }
        second.verify(in, s.claims);

        LogUp.verify(s);

        Stage reduce = new Stage("claim reduction");
        ExtVector aw = t.challengeExts("reduce/witness", s.claims.witness.size());
        int hw = reduce.add(Reduction.instance("witness claims", c.witnessLayout(), s.claims.witnessBySegment(c), aw));
        int hW = -1;
        if (c.weightLayout() != null) {
            ExtVector aW = t.challengeExts("reduce/weights", s.claims.weights.size());
            hW = reduce.add(Reduction.instance("weight claims", c.weightLayout(), s.claims.weights, aW));
        }
        reduce.verify(in, new Claims());

        Stage.Result rw = reduce.result(hw);
        open("witness opening", new TensorCommitment(witnessRoot), c.witnessLayout().totalVars(), rw.point(), rw.value(1), in);
        if (hW >= 0) {
            Stage.Result rW = reduce.result(hW);
            open("weights opening (C_W)", model.weights(), c.weightLayout().totalVars(), rW.point(), rW.value(1), in);
        }
        openJoint("input opening (C_x of every request)", requests.stream().map(RequestStatement::input).toList(), c.inputVars(), rhoX,
                xValues, in);
        openJoint("mask opening (C_r of every request)", requests.stream().map(RequestStatement::mask).toList(), c.outputVars(), rhoO,
                rValues, in);
        in.expectEnd();
    }

    private static void open(String what, TensorCommitment commitment, int numVars, ExtVector point, Ext2 value, ProofSource in)
            throws VerificationException {
        openJoint(what, List.of(commitment), numVars, point, List.of(value), in);
    }

    private static void openJoint(String what, List<TensorCommitment> commitments, int numVars, ExtVector point, List<Ext2> values,
            ProofSource in) throws VerificationException {
        byte[] bytes = in.blob(what);
        try {
            Protocol.PCS_VERIFIER.verifyEncodedJoint(commitments, List.of(numVars), Protocol.jointClaims(point, values), bytes,
                    in.transcript());
        } catch (VerificationException e) {
            throw new VerificationException(what + ": " + e.getMessage(), e);
        }
    }
}
