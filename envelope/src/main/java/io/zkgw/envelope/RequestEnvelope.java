package io.zkgw.envelope;

import io.zkgw.prover.inference.CircuitDescription;
import io.zkgw.prover.inference.RequesterCommitments;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The encrypted request payload ({@code RequestPrediction.encrypted_payload}): HPKE (RFC 9180, base mode,
 * DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305) of the canonical {@link RequestPayload} to
 * the provider's registered key, with {@code info} and {@code aad} from the request's {@link PublicRequest}.
 *
 * <p>Wire format, version 1:
 * <pre>
 *   u8     version = 1        (fixes the HPKE suite above)
 *   u8[32] enc                (the sender's ephemeral X25519 public key)
 *   u8[]   ciphertext         (AEAD output: payload bytes + 16-byte tag)
 * </pre>
 * At most {@link #MAX_BYTES} in all, the ledger's limit.
 *
 * <p>Clinician: {@link #prepare} (or {@link #seal} with commitments computed elsewhere). Provider:
 * {@link #openAndCheck}, which decrypts, decodes, checks the input width and range, recomputes C_x and C_r
 * with {@code RequesterCommitments} and compares them with the on-chain bytes.
 */
public final class RequestEnvelope {
    public static final int VERSION = 1;
    public static final int MAX_BYTES = 1 << 20;
    private static final int MIN_BYTES = 1 + Hpke.ENC_BYTES + Hpke.TAG_BYTES;

    private RequestEnvelope() {}

    /** Encrypts the payload to the provider's 32-byte HPKE public key, bound to the request's public data. */
    public static byte[] seal(byte[] providerHpkePublicKey, PublicRequest request, RequestPayload payload,
                              SecureRandom random) {
        byte[] ikm = new byte[32];
        random.nextBytes(ikm);
        return seal(providerHpkePublicKey, request, payload, ikm);
    }

    static byte[] seal(byte[] providerHpkePublicKey, PublicRequest request, RequestPayload payload, byte[] ephemeralIkm) {
        if (providerHpkePublicKey == null || providerHpkePublicKey.length != HpkeKeyPair.KEY_BYTES) {
            throw new IllegalArgumentException("the provider's HPKE public key must be " + HpkeKeyPair.KEY_BYTES + " bytes");
        }
        Hpke.Sealed s = Hpke.seal(providerHpkePublicKey, request.info(), request.aad(), payload.encode(), ephemeralIkm);
        byte[] out = ByteBuffer.allocate(1 + s.enc().length + s.ciphertext().length)
                .put((byte) VERSION).put(s.enc()).put(s.ciphertext()).array();
        if (out.length > MAX_BYTES) {
            throw new IllegalArgumentException("sealed payload of " + out.length + " bytes exceeds " + MAX_BYTES);
        }
        return out;
    }

    /** Decrypts and decodes; no model checks. Throws with BAD_CIPHERTEXT, UNSUPPORTED_VERSION or MALFORMED_PAYLOAD. */
    public static RequestPayload open(HpkeKeyPair provider, PublicRequest request, byte[] envelope) throws EnvelopeException {
        if (envelope == null || envelope.length < MIN_BYTES || envelope.length > MAX_BYTES) {
            throw new EnvelopeException(Reason.BAD_CIPHERTEXT, "encrypted payload has "
                    + (envelope == null ? 0 : envelope.length) + " bytes; expected " + MIN_BYTES + ".." + MAX_BYTES);
        }
        ByteCursor c = new ByteCursor(envelope, "encrypted payload", Reason.BAD_CIPHERTEXT);
        int version = c.u8("version");
        if (version != VERSION) {
            throw new EnvelopeException(Reason.UNSUPPORTED_VERSION, "encrypted payload version " + version
                    + " is not supported (expected " + VERSION + ")");
        }
        byte[] enc = c.bytes(Hpke.ENC_BYTES, "enc");
        byte[] ct = c.rest();
        byte[] plain = Hpke.open(provider, enc, request.info(), request.aad(), ct);
        if (plain == null) {
            throw new EnvelopeException(Reason.BAD_CIPHERTEXT, "encrypted payload does not open with this provider's key"
                    + " for this request (wrong key, or ciphertext altered or bound to other public data)");
        }
        return RequestPayload.decode(plain);
    }

    /**
     * Provider side, the whole check: decrypt → decode → input width and range against D → recompute C_x and
     * C_r from x and the mask seed and compare with the on-chain bytes. Never throws for bad input. The accepted
     * commitments hold the prover's data of that recomputation, which the request's proof then takes instead of
     * computing it again.
     */
    public static Opened openAndCheck(HpkeKeyPair provider, PublicRequest request, CircuitDescription d, byte[] envelope) {
        RequestPayload p;
        try {
            p = open(provider, request, envelope);
        } catch (EnvelopeException e) {
            return new Opened.Rejected(e.reason(), e.getMessage());
        }
        long[] x = p.x();
        if (x.length != d.inputSize()) {
            return new Opened.Rejected(Reason.WRONG_INPUT_WIDTH, "payload has " + x.length
                    + " input values; the model expects " + d.inputSize());
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] < d.inLo() || x[i] > d.inHi()) {
                return new Opened.Rejected(Reason.INPUT_OUT_OF_RANGE, "input value " + i
                        + " lies outside the model's input range [" + d.inLo() + ", " + d.inHi() + "]");
            }
        }
        RequesterCommitments rq;
        try {
            rq = RequesterCommitments.commit(d, x, p.maskSeed());
        } catch (IllegalArgumentException e) {
            return new Opened.Rejected(Reason.COMMITMENT_MISMATCH, "the commitments cannot be recomputed from the payload");
        }
        if (!MessageDigest.isEqual(rq.input().encode(), request.inputCommitment())) {
            return new Opened.Rejected(Reason.COMMITMENT_MISMATCH, "the payload's input does not reproduce the on-chain C_x");
        }
        if (!MessageDigest.isEqual(rq.mask().encode(), request.maskCommitment())) {
            return new Opened.Rejected(Reason.COMMITMENT_MISMATCH, "the payload's mask seed does not reproduce the on-chain C_r");
        }
        return new Opened.Accepted(p, rq);
    }

    /**
     * Clinician side, when the answer comes: whether the secrets kept since {@link #prepare} (x and the mask
     * seed) still reproduce the on-chain C_x and C_r. A local copy that was altered or belongs to another
     * request fails here, before it is used to unmask anything. Throws {@code COMMITMENT_MISMATCH} naming
     * which commitment differs (never a value).
     */
    public static void checkSecrets(CircuitDescription d, RequestPayload secrets, byte[] inputCommitment,
                                    byte[] maskCommitment) throws EnvelopeException {
        RequesterCommitments rq;
        try {
            rq = RequesterCommitments.commit(d, secrets.x(), secrets.maskSeed());
        } catch (IllegalArgumentException e) {
            throw new EnvelopeException(Reason.COMMITMENT_MISMATCH, "the kept input does not fit the model"
                    + " (width or range), so it cannot reproduce C_x");
        }
        if (!MessageDigest.isEqual(rq.input().encode(), inputCommitment)) {
            throw new EnvelopeException(Reason.COMMITMENT_MISMATCH, "the kept input does not reproduce the on-chain C_x");
        }
        if (!MessageDigest.isEqual(rq.mask().encode(), maskCommitment)) {
            throw new EnvelopeException(Reason.COMMITMENT_MISMATCH, "the kept mask seed does not reproduce the on-chain C_r");
        }
    }

    /**
     * Clinician side: y = z − r, the model's integer output, with r derived from the kept mask seed exactly
     * as the commitments derive it. Call it only on a z whose proof verified; it checks nothing itself.
     * (Kept here so that clients never depend on how the prover turns a seed into a mask.)
     */
    public static long[] unmask(CircuitDescription d, RequestPayload secrets, long[] z) {
        if (z.length != d.outputSize()) {
            throw new IllegalArgumentException("z has " + z.length + " values; the model has " + d.outputSize() + " outputs");
        }
        return RequesterCommitments.unmask(z, RequesterCommitments.maskFromSeed(secrets.maskSeed(), d.outputSize()));
    }

    /**
     * Clinician side, everything for one RequestPrediction: a fresh mask seed, C_x and C_r of x, the public
     * request they go into, and the envelope sealed to the provider's key. Keep {@code payload().maskSeed()}
     * to unmask the answer ({@code RequesterCommitments.unmask(z, commitments().opening().r())}).
     *
     * @param x the quantised input ({@code QuantSpec.quantiseInput} of the model card)
     */
    public static PreparedRequest prepare(CircuitDescription d, long[] x, String chainId, byte[] requester,
                                          byte[] modelId, long fee, long deadlineHeight,
                                          byte[] providerHpkePublicKey, SecureRandom random) {
        byte[] seed = RequestPayload.newMaskSeed(random);
        RequesterCommitments rq = RequesterCommitments.commit(d, x, seed);
        PublicRequest pub = new PublicRequest(chainId, requester, modelId, rq.input().encode(), rq.mask().encode(),
                fee, deadlineHeight);
        RequestPayload payload = new RequestPayload(x, seed);
        return new PreparedRequest(pub, seal(providerHpkePublicKey, pub, payload, random), payload, rq);
    }
}
