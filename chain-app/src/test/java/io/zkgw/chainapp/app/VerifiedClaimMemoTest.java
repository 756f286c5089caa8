package io.zkgw.chainapp.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The memo saves the second verification of the same claim and nothing else; failures are never kept. */
class VerifiedClaimMemoTest {
    static final ProvedModel BC = ProvedModel.BC_MLP;

    static FulfilmentVerifier.Claim claim(ProvedModel.Request r, ProvedModel.Fulfilment f) {
        return FulfilmentVerifier.Claim.single(new byte[32], BC.weightsCommitment(), BC.circuitDescription(), new byte[32],
                r.inputCommitment(), r.maskCommitment(), f.maskedOutput(), f.proof());
    }

    @Test
    void aVerifiedClaimIsVerifiedOnceAndAnyChangedFieldIsVerifiedAgain() {
        AtomicInteger calls = new AtomicInteger();
        InferenceProofVerifier real = new InferenceProofVerifier();
        VerifiedClaimMemo memo = new VerifiedClaimMemo(c -> {
            calls.incrementAndGet();
            real.verify(c);
        });
        ProvedModel.Request r = BC.request(3, "memo");
        FulfilmentVerifier.Claim good = claim(r, BC.prove(r));
        assertDoesNotThrow(() -> memo.verify(good));
        assertDoesNotThrow(() -> memo.verify(good));
        assertEquals(1, calls.get(), "the second verification of the same claim is remembered");

        // one byte changed in any field is another claim, verified for real: refused when the field is part
        // of the statement, and never remembered then
        for (int field = 0; field < 8; field++) {
            FulfilmentVerifier.Claim other = flip(good, field);
            int before = calls.get();
            if (field == 0 || field == 3) {
                // the ids are not in the proof's statement (the request's commitments are): the claim still
                // verifies, but it is a new one
                assertDoesNotThrow(() -> memo.verify(other));
                assertEquals(before + 1, calls.get(), "field " + field + " makes another claim");
                continue;
            }
            assertThrows(FulfilmentVerifier.InvalidProof.class, () -> memo.verify(other), "field " + field);
            assertThrows(FulfilmentVerifier.InvalidProof.class, () -> memo.verify(other), "field " + field + " again");
            assertEquals(before + 2, calls.get(), "a refused claim is never remembered (field " + field + ")");
        }
    }

    @Test
    void lengthPrefixesSeparateFields() {
        FulfilmentVerifier.Claim a = FulfilmentVerifier.Claim.single(new byte[] {1, 2}, new byte[] {3}, new byte[0], new byte[0],
                new byte[0], new byte[0], new byte[0], new byte[0]);
        FulfilmentVerifier.Claim b = FulfilmentVerifier.Claim.single(new byte[] {1}, new byte[] {2, 3}, new byte[0], new byte[0],
                new byte[0], new byte[0], new byte[0], new byte[0]);
        org.junit.jupiter.api.Assertions.assertNotEquals(VerifiedClaimMemo.digest(a), VerifiedClaimMemo.digest(b));
        // the answer count is hashed: two answers are not one answer with the fields run together
        byte[] e = new byte[0];
        FulfilmentVerifier.Answer x = new FulfilmentVerifier.Answer(new byte[] {1}, e, e, e);
        FulfilmentVerifier.Claim one = new FulfilmentVerifier.Claim(e, e, e, java.util.List.of(x), e);
        FulfilmentVerifier.Claim two = new FulfilmentVerifier.Claim(e, e, e, java.util.List.of(x, x), e);
        org.junit.jupiter.api.Assertions.assertNotEquals(VerifiedClaimMemo.digest(one), VerifiedClaimMemo.digest(two));
    }

    /** The claim with one byte of field {@code i} (in Claim's order) flipped. */
    static FulfilmentVerifier.Claim flip(FulfilmentVerifier.Claim c, int i) {
        FulfilmentVerifier.Answer a = c.answers().get(0);
        byte[][] f = {c.modelId().clone(), c.weightsCommitment().clone(), c.circuitDescription().clone(), a.requestId().clone(),
                a.inputCommitment().clone(), a.maskCommitment().clone(), a.maskedOutput().clone(), c.proof().clone()};
        f[i][f[i].length / 2] ^= 0x01;
        return FulfilmentVerifier.Claim.single(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]);
    }
}
