package io.zkgw.cli.clinician;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.envelope.HpkeKeyPair;
import io.zkgw.envelope.PreparedRequest;
import io.zkgw.envelope.RequestEnvelope;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.inference.CircuitDescription;
import io.zkgw.prover.inference.MaskedOutput;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The clinician's own proof check, on a real proof of the breast-cancer MLP: the genuine proof unmasks
 * to the interpreter's output; a tampered z, a flipped or truncated proof, another request's proof or
 * commitments, and undecodable bytes are refused — and the secrets are never touched for them.
 */
class ResultVerifierTest {
    static final Hospital.Fixture BC = Hospital.BC;
    static final CircuitDescription D = BC.committed().description();
    final SecureRandom random = new SecureRandom();
    final HpkeKeyPair provider = HpkeKeyPair.generate(random);

    PreparedRequest prepare(int row) {
        long[] x = BC.card().spec().quantiseInput(BC.test().features()[row]);
        return RequestEnvelope.prepare(D, x, "zkgw-test", new byte[20], new byte[32], 10, 100, provider.publicKey(), random);
    }

    static ResultVerifier.Statement statement(PreparedRequest pr) {
        return new ResultVerifier.Statement(D.encode(), BC.committed().commitment().encode(),
                pr.request().inputCommitment(), pr.request().maskCommitment());
    }

    @Test
    void onlyAVerifiedProofIsUnmasked() throws Exception {
        PreparedRequest pr = prepare(3);
        Hospital.Proved p = Hospital.prove(pr.payload().x(), pr.commitments());
        ResultVerifier.Statement st = statement(pr);

        long[] y = ResultVerifier.verifyAndUnmask(st, p.maskedOutput(), p.proof(), z -> RequestEnvelope.unmask(D, pr.payload(), z));
        assertArrayEquals(IntInterpreter.run(BC.model(), pr.payload().x()).output(), y, "unmasks to the interpreter's output");
        assertEquals(BC.decision(pr.payload().x()), Prediction.of(BC.card(), y).label());

        AtomicInteger unmasked = new AtomicInteger();
        ResultVerifier.Unmasker never = z -> {
            unmasked.incrementAndGet();
            throw new AssertionError("unmasked a z whose proof did not verify");
        };
        Map<String, Runnable> bad = new LinkedHashMap<>();
        long[] z = MaskedOutput.decode(p.maskedOutput()).z();
        for (int i = 0; i < z.length; i++) {
            long[] t = z.clone();
            t[i] = Goldilocks.add(t[i], 1);
            byte[] tampered = new MaskedOutput(t).encode();
            bad.put("z[" + i + "] + 1", () -> ResultVerifier.verifyAndUnmask(st, tampered, p.proof(), never));
        }
        for (int at : new int[] {0, 9, p.proof().length / 2, p.proof().length - 1}) {
            byte[] flipped = p.proof().clone();
            flipped[at] ^= 0x10;
            bad.put("proof byte " + at + " flipped", () -> ResultVerifier.verifyAndUnmask(st, p.maskedOutput(), flipped, never));
        }
        bad.put("truncated proof", () -> ResultVerifier.verifyAndUnmask(st, p.maskedOutput(),
                Arrays.copyOf(p.proof(), p.proof().length - 1), never));
        bad.put("empty proof", () -> ResultVerifier.verifyAndUnmask(st, p.maskedOutput(), new byte[0], never));
        bad.put("garbage masked output", () -> ResultVerifier.verifyAndUnmask(st, new byte[] {1, 2, 3}, p.proof(), never));

        // another request's proof, and this proof against another request's commitments
        PreparedRequest other = prepare(4);
        Hospital.Proved q = Hospital.prove(other.payload().x(), other.commitments());
        bad.put("another request's proof and z", () -> ResultVerifier.verifyAndUnmask(st, q.maskedOutput(), q.proof(), never));
        bad.put("another request's commitments", () -> ResultVerifier.verifyAndUnmask(statement(other), p.maskedOutput(),
                p.proof(), never));
        ResultVerifier.Statement noW = new ResultVerifier.Statement(st.circuitDescription(), new byte[10],
                st.inputCommitment(), st.maskCommitment());
        bad.put("undecodable C_W", () -> ResultVerifier.verifyAndUnmask(noW, p.maskedOutput(), p.proof(), never));

        for (var e : bad.entrySet()) {
            ClinicianException ex = assertThrows(ClinicianException.class, e.getValue()::run, e.getKey());
            assertEquals(ClinicianException.Kind.PROOF_INVALID, ex.kind(), e.getKey());
            assertTrue(ex.getMessage().startsWith("proof invalid: ") && ex.getMessage().endsWith("no prediction is shown"),
                    e.getKey() + ": " + ex.getMessage());
        }
        assertEquals(0, unmasked.get(), "never unmasked");
        // the genuine one still verifies afterwards (nothing above was cached as good)
        assertArrayEquals(y, ResultVerifier.verifyAndUnmask(st, p.maskedOutput(), p.proof(),
                zz -> RequestEnvelope.unmask(D, pr.payload(), zz)));
    }

    @Test
    void reasonNamesFollowTheTable() {
        assertEquals("BAD_CIPHERTEXT", ReasonNames.of(2));
        assertEquals("POLICY_ERROR", ReasonNames.of(10));
        assertEquals("minimum-fee", ReasonNames.of(33));
        assertEquals("input-ranges", ReasonNames.of(36));
        assertEquals("hospital rule 400", ReasonNames.of(400));
        assertEquals("unknown reason 20", ReasonNames.of(20));
    }

    @Test
    void aBatchProofUnmasksEachMemberOnlyInItsOwnPlace() throws Exception {
        java.util.List<PreparedRequest> prs = java.util.List.of(prepare(5), prepare(6), prepare(7));
        java.util.List<io.zkgw.ir.Witness> ws = new java.util.ArrayList<>();
        java.util.List<io.zkgw.prover.inference.RequesterCommitments> rcs = new java.util.ArrayList<>();
        for (PreparedRequest pr : prs) {
            ws.add(IntInterpreter.run(BC.model(), pr.payload().x()));
            rcs.add(pr.commitments());
        }
        var proof = io.zkgw.prover.inference.InferenceProver.prove(BC.committed(), ws, rcs, 9L);
        java.util.List<ResultVerifier.Member> members = new java.util.ArrayList<>();
        for (int i = 0; i < prs.size(); i++) {
            members.add(new ResultVerifier.Member(prs.get(i).request().inputCommitment(), prs.get(i).request().maskCommitment(),
                    new MaskedOutput(proof.maskedOutputs().get(i)).encode()));
        }
        byte[] cd = D.encode();
        byte[] cw = BC.committed().commitment().encode();
        for (int own = 0; own < prs.size(); own++) {
            PreparedRequest pr = prs.get(own);
            long[] y = ResultVerifier.verifyBatchAndUnmask(cd, cw, members, own, proof.bytes(), z -> RequestEnvelope.unmask(D, pr.payload(), z));
            assertArrayEquals(IntInterpreter.run(BC.model(), pr.payload().x()).output(), y, "member " + own);
        }
        ResultVerifier.Unmasker never = z -> {
            throw new AssertionError("unmasked a z whose proof did not verify");
        };
        // the members in another order, or one left out: not the statement the proof was made for
        java.util.List<ResultVerifier.Member> swapped = new java.util.ArrayList<>(members);
        java.util.Collections.swap(swapped, 0, 1);
        ClinicianException e = assertThrows(ClinicianException.class,
                () -> ResultVerifier.verifyBatchAndUnmask(cd, cw, swapped, 0, proof.bytes(), never));
        assertEquals(ClinicianException.Kind.PROOF_INVALID, e.kind());
        assertThrows(ClinicianException.class,
                () -> ResultVerifier.verifyBatchAndUnmask(cd, cw, members.subList(0, 2), 0, proof.bytes(), never));
        // the single-request form does not accept a batch proof for one of its members
        assertThrows(ClinicianException.class, () -> ResultVerifier.verifyAndUnmask(statement(prs.get(0)),
                members.get(0).maskedOutput(), proof.bytes(), never));
    }
}
