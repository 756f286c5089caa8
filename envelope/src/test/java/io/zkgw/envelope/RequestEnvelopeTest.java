package io.zkgw.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import io.zkgw.prover.inference.CircuitDescription;
import io.zkgw.prover.inference.RequesterCommitments;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RequestEnvelopeTest {
    /** A real (tiny) integer model: Dense 4→2, Requant; inputs in [-128, 127]. */
    static final CircuitDescription D = CircuitDescription.of(new IntModel(new int[] {4}, -128, 127, List.of(
            new IntOp.Dense(4, 2, new long[] {3, -1, 2, 5, -4, 1, 0, 2}, new long[] {7, -3}),
            new IntOp.Requant(new int[] {2}, new long[] {3, 5}, 4, -128, 127))));
    static final String CHAIN = "zkgw-test";
    static final byte[] REQUESTER = filled(20, 0x11);
    static final byte[] MODEL = filled(32, 0x22);
    static final long[] X = {12, -100, 127, -128};

    private final SecureRandom random = new SecureRandom();
    private final HpkeKeyPair provider = HpkeKeyPair.generate(random);

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    private PreparedRequest prepare() {
        return RequestEnvelope.prepare(D, X, CHAIN, REQUESTER, MODEL, 500, 90, provider.publicKey(), random);
    }

    private Opened.Rejected rejected(Opened o) {
        return assertInstanceOf(Opened.Rejected.class, o);
    }

    @Test
    void clinicianToProviderRoundTrip() {
        PreparedRequest pr = prepare();
        Opened o = RequestEnvelope.openAndCheck(provider, pr.request(), D, pr.encryptedPayload());
        Opened.Accepted a = assertInstanceOf(Opened.Accepted.class, o);
        assertArrayEquals(X, a.payload().x());
        assertEquals(pr.payload(), a.payload());
        assertEquals(pr.commitments().input(), a.commitments().input());
        assertEquals(pr.commitments().mask(), a.commitments().mask());
        assertArrayEquals(pr.commitments().opening().r(), a.commitments().opening().r());
        // the check's recomputation goes on to the proof: it is not made a second time there
        assertTrue(a.commitments().holdsProverData(), "the accepted commitments carry the prover's data of the check");
        assertEquals(RequestEnvelope.VERSION, pr.encryptedPayload()[0]);
        assertEquals(1 + 32 + pr.payload().encode().length + 16, pr.encryptedPayload().length);
        assertFalse(o.toString().contains("-100"), o.toString());
    }

    /** The clinician's later side: kept secrets are checked against the on-chain commitments, then unmask z. */
    @Test
    void keptSecretsAreCheckedAndUnmaskTheAnswer() throws Exception {
        PreparedRequest pr = prepare();
        byte[] cx = pr.request().inputCommitment();
        byte[] cr = pr.request().maskCommitment();
        RequestEnvelope.checkSecrets(D, pr.payload(), cx, cr);
        long[] altered = X.clone();
        altered[1]++;
        EnvelopeException e = org.junit.jupiter.api.Assertions.assertThrows(EnvelopeException.class,
                () -> RequestEnvelope.checkSecrets(D, new RequestPayload(altered, pr.payload().maskSeed()), cx, cr));
        assertEquals(Reason.COMMITMENT_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("C_x"), e.getMessage());
        byte[] seed = pr.payload().maskSeed();
        seed[0] ^= 1;
        e = org.junit.jupiter.api.Assertions.assertThrows(EnvelopeException.class,
                () -> RequestEnvelope.checkSecrets(D, new RequestPayload(X, seed), cx, cr));
        // the seed derives the mask r and also the hiding pad of C_x (protocol version 4), so another seed
        // already fails to reproduce C_x
        assertEquals(Reason.COMMITMENT_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("C_x"), e.getMessage());
        long[] wide = {1, 2, 3, 4, 5};
        org.junit.jupiter.api.Assertions.assertThrows(EnvelopeException.class,
                () -> RequestEnvelope.checkSecrets(D, new RequestPayload(wide, pr.payload().maskSeed()), cx, cr));
        // z = y + r in the field; unmask gives y back, signed
        long[] y = {-5, 42};
        long[] r = pr.commitments().opening().r();
        long[] z = new long[2];
        for (int i = 0; i < 2; i++) {
            z[i] = io.zkgw.prover.field.Goldilocks.add(io.zkgw.prover.field.Goldilocks.fromSigned(y[i]), r[i]);
        }
        assertArrayEquals(y, RequestEnvelope.unmask(D, pr.payload(), z));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RequestEnvelope.unmask(D, pr.payload(), new long[3]));
    }

    @Test
    void twoSealsOfTheSamePayloadDiffer() {
        PreparedRequest pr = prepare();
        byte[] again = RequestEnvelope.seal(provider.publicKey(), pr.request(), pr.payload(), random);
        assertFalse(Arrays.equals(pr.encryptedPayload(), again));
        assertInstanceOf(Opened.Accepted.class, RequestEnvelope.openAndCheck(provider, pr.request(), D, again));
    }

    @Test
    void anotherProvidersKeyCannotOpen() {
        PreparedRequest pr = prepare();
        Opened.Rejected r = rejected(RequestEnvelope.openAndCheck(HpkeKeyPair.generate(random), pr.request(), D,
                pr.encryptedPayload()));
        assertEquals(Reason.BAD_CIPHERTEXT, r.reason());
        assertEquals(2, r.code());
    }

    @Test
    void aCiphertextLiftedIntoAnotherRequestDoesNotOpen() {
        PreparedRequest pr = prepare();
        PublicRequest p = pr.request();
        byte[] cx = p.inputCommitment();
        byte[] cr = p.maskCommitment();
        List<UnaryOperator<PublicRequest>> changes = List.of(
                q -> new PublicRequest("zkgw-other", q.requester(), q.modelId(), cx, cr, q.fee(), q.deadlineHeight()),
                q -> new PublicRequest(CHAIN, filled(20, 0x12), q.modelId(), cx, cr, q.fee(), q.deadlineHeight()),
                q -> new PublicRequest(CHAIN, q.requester(), filled(32, 0x23), cx, cr, q.fee(), q.deadlineHeight()),
                q -> new PublicRequest(CHAIN, q.requester(), q.modelId(), flip(cx), cr, q.fee(), q.deadlineHeight()),
                q -> new PublicRequest(CHAIN, q.requester(), q.modelId(), cx, flip(cr), q.fee(), q.deadlineHeight()),
                q -> new PublicRequest(CHAIN, q.requester(), q.modelId(), cx, cr, q.fee() + 1, q.deadlineHeight()),
                q -> new PublicRequest(CHAIN, q.requester(), q.modelId(), cx, cr, q.fee(), q.deadlineHeight() + 1),
                q -> new PublicRequest(CHAIN, q.requester(), q.modelId(), cr, cx, q.fee(), q.deadlineHeight()));
        for (int i = 0; i < changes.size(); i++) {
            PublicRequest other = changes.get(i).apply(p);
            assertEquals(Reason.BAD_CIPHERTEXT,
                    rejected(RequestEnvelope.openAndCheck(provider, other, D, pr.encryptedPayload())).reason(), "change " + i);
        }
    }

    private static byte[] flip(byte[] b) {
        byte[] c = b.clone();
        c[c.length - 1] ^= 1;
        return c;
    }

    @Test
    void everyFlippedTruncatedOrExtendedEnvelopeIsRejectedCleanly() {
        PreparedRequest pr = prepare();
        byte[] env = pr.encryptedPayload();
        for (int i = 0; i < env.length; i++) {
            byte[] m = env.clone();
            m[i] ^= (byte) (1 << (i % 8));
            Opened.Rejected r = rejected(RequestEnvelope.openAndCheck(provider, pr.request(), D, m));
            assertEquals(i == 0 ? Reason.UNSUPPORTED_VERSION : Reason.BAD_CIPHERTEXT, r.reason(), "byte " + i);
        }
        for (int len = 0; len < env.length; len++) {
            assertEquals(Reason.BAD_CIPHERTEXT, rejected(RequestEnvelope.openAndCheck(provider, pr.request(), D,
                    Arrays.copyOf(env, len))).reason(), "length " + len);
        }
        assertEquals(Reason.BAD_CIPHERTEXT, rejected(RequestEnvelope.openAndCheck(provider, pr.request(), D,
                Arrays.copyOf(env, env.length + 1))).reason());
        assertEquals(Reason.BAD_CIPHERTEXT, rejected(RequestEnvelope.openAndCheck(provider, pr.request(), D,
                null)).reason());
    }

    @Test
    void randomGarbageIsRejectedNeverThrown() {
        PreparedRequest pr = prepare();
        Random r = new Random(3);
        for (int t = 0; t < 500; t++) {
            byte[] g = new byte[r.nextInt(300)];
            r.nextBytes(g);
            if (g.length > 0 && t % 2 == 0) {
                g[0] = 1;
            }
            Opened.Rejected rej = rejected(RequestEnvelope.openAndCheck(provider, pr.request(), D, g));
            assertTrue(rej.reason() == Reason.BAD_CIPHERTEXT || rej.reason() == Reason.UNSUPPORTED_VERSION, rej.toString());
        }
        // all-zero enc (a low-order X25519 point) must not escape as an exception either
        byte[] zeros = new byte[100];
        zeros[0] = 1;
        assertEquals(Reason.BAD_CIPHERTEXT, rejected(RequestEnvelope.openAndCheck(provider, pr.request(), D, zeros)).reason());
    }

    /** A correctly sealed plaintext that is not a payload: the reason says the payload, not the ciphertext. */
    @Test
    void wellSealedButMalformedPlaintexts() {
        PreparedRequest pr = prepare();
        byte[] good = pr.payload().encode();
        byte[] v9 = good.clone();
        v9[0] = 9;
        assertEquals(Reason.MALFORMED_PAYLOAD, rejected(openRaw(pr.request(), Arrays.copyOf(good, good.length - 3))).reason());
        assertEquals(Reason.MALFORMED_PAYLOAD, rejected(openRaw(pr.request(), Arrays.copyOf(good, good.length + 8))).reason());
        assertEquals(Reason.UNSUPPORTED_VERSION, rejected(openRaw(pr.request(), v9)).reason());
        assertEquals(Reason.MALFORMED_PAYLOAD, rejected(openRaw(pr.request(), new byte[0])).reason());
    }

    private Opened openRaw(PublicRequest req, byte[] plaintext) {
        byte[] ikm = new byte[32];
        random.nextBytes(ikm);
        Hpke.Sealed s = Hpke.seal(provider.publicKey(), req.info(), req.aad(), plaintext, ikm);
        byte[] env = new byte[1 + 32 + s.ciphertext().length];
        env[0] = 1;
        System.arraycopy(s.enc(), 0, env, 1, 32);
        System.arraycopy(s.ciphertext(), 0, env, 33, s.ciphertext().length);
        return RequestEnvelope.openAndCheck(provider, req, D, env);
    }

    @Test
    void commitmentMismatchesNameWhichCommitment() {
        PreparedRequest pr = prepare();
        PublicRequest pub = pr.request();
        byte[] seed = pr.payload().maskSeed();
        long[] otherX = X.clone();
        otherX[1]++;
        Opened.Rejected cx = rejected(RequestEnvelope.openAndCheck(provider, pub, D,
                RequestEnvelope.seal(provider.publicKey(), pub, new RequestPayload(otherX, seed), random)));
        assertEquals(Reason.COMMITMENT_MISMATCH, cx.reason());
        assertTrue(cx.detail().contains("C_x"), cx.detail());
        // another seed: it blinds C_x as well as deriving r (hiding commitments), so C_x no longer matches
        byte[] otherSeed = seed.clone();
        otherSeed[0] ^= 1;
        Opened.Rejected cs = rejected(RequestEnvelope.openAndCheck(provider, pub, D,
                RequestEnvelope.seal(provider.publicKey(), pub, new RequestPayload(X, otherSeed), random)));
        assertEquals(Reason.COMMITMENT_MISMATCH, cs.reason());
        // C_x matches, the on-chain C_r is another request's: the mask commitment is named
        byte[] otherMask = RequesterCommitments.commit(D, X, otherSeed).mask().encode();
        PublicRequest pubOtherMask = new PublicRequest(pub.chainId(), pub.requester(), pub.modelId(), pub.inputCommitment(),
                otherMask, pub.fee(), pub.deadlineHeight());
        Opened.Rejected cr = rejected(RequestEnvelope.openAndCheck(provider, pubOtherMask, D,
                RequestEnvelope.seal(provider.publicKey(), pubOtherMask, new RequestPayload(X, seed), random)));
        assertEquals(Reason.COMMITMENT_MISMATCH, cr.reason());
        assertTrue(cr.detail().contains("C_r"), cr.detail());
        for (Opened.Rejected r : List.of(cx, cs, cr)) {
            assertFalse(r.detail().contains(HexFormat.of().formatHex(seed)), r.detail());
        }
    }

    @Test
    void inputWidthAndRangeAreCheckedBeforeCommitting() {
        PreparedRequest pr = prepare();
        PublicRequest pub = pr.request();
        byte[] seed = pr.payload().maskSeed();
        Opened.Rejected w = rejected(RequestEnvelope.openAndCheck(provider, pub, D,
                RequestEnvelope.seal(provider.publicKey(), pub, new RequestPayload(new long[] {1, 2, 3}, seed), random)));
        assertEquals(Reason.WRONG_INPUT_WIDTH, w.reason());
        assertEquals(8, w.code());
        assertTrue(w.detail().contains("3 input values") && w.detail().contains("expects 4"), w.detail());
        Opened.Rejected range = rejected(RequestEnvelope.openAndCheck(provider, pub, D,
                RequestEnvelope.seal(provider.publicKey(), pub, new RequestPayload(new long[] {1, 2, 3, 5000}, seed), random)));
        assertEquals(Reason.INPUT_OUT_OF_RANGE, range.reason());
        assertTrue(range.detail().contains("input value 3"), range.detail());
        assertFalse(range.detail().contains("5000"), "the value itself is never echoed: " + range.detail());
    }

    @Test
    void aadAndInfoLayout() {
        PublicRequest p = new PublicRequest("c", REQUESTER, MODEL, filled(33, 1), filled(40, 2), 258, 7);
        byte[] aad = p.aad();
        assertEquals(19 + 20 + 32 + 2 + 33 + 2 + 40 + 8 + 8, aad.length);
        assertEquals("0000000000000102" + "0000000000000007", HexFormat.of().formatHex(aad, aad.length - 16, aad.length));
        assertEquals("zkgw-request-v1", new String(p.info(), 0, 15));
        assertEquals(15 + 2 + 1 + 32, p.info().length);
    }
}
