package io.zkgw.envelope;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * What a clinician sends the hospital inside the encrypted envelope: the quantised input x exactly as
 * committed in C_x (the model card's public input map already applied by the clinician), and the secret
 * mask seed from which {@code RequesterCommitments} derives the mask r (and any commitment randomness),
 * so the provider can recompute C_x and C_r and prove against them. No float features travel: x is the
 * ground truth the proof is about, and the gateway dequantises it with the card's map where a policy
 * needs real units.
 *
 * <p>Canonical encoding, version 1 (big-endian, fixed width; {@link #encode()} / {@link #decode(byte[])}):
 * <pre>
 *   u8     version = 1
 *   u8[32] mask_seed
 *   u32    n            1 ≤ n ≤ MAX_INPUTS
 *   i64    x[n]
 * </pre>
 * Nothing may follow. Decoding rejects a wrong version ({@link Reason#UNSUPPORTED_VERSION}), truncation,
 * out-of-range counts and trailing bytes ({@link Reason#MALFORMED_PAYLOAD}), naming the field.
 */
public record RequestPayload(int version, long[] x, byte[] maskSeed) {
    public static final int VERSION = 1;
    public static final int SEED_BYTES = 32;
    /** Largest input: the sealed envelope (this payload + 49 bytes) stays within the ledger's 1 MiB payload limit. */
    public static final int MAX_INPUTS = 131_000;
    private static final int HEADER_BYTES = 1 + SEED_BYTES + 4;

    public RequestPayload {
        if (version != VERSION) {
            throw new IllegalArgumentException("payload version must be " + VERSION);
        }
        if (x == null || x.length < 1 || x.length > MAX_INPUTS) {
            throw new IllegalArgumentException("x must hold 1.." + MAX_INPUTS + " values");
        }
        if (maskSeed == null || maskSeed.length != SEED_BYTES) {
            throw new IllegalArgumentException("maskSeed must be " + SEED_BYTES + " bytes");
        }
        x = x.clone();
        maskSeed = maskSeed.clone();
    }

    /** A version-1 payload. */
    public RequestPayload(long[] x, byte[] maskSeed) {
        this(VERSION, x, maskSeed);
    }

    /** A fresh secret mask seed. */
    public static byte[] newMaskSeed(SecureRandom random) {
        byte[] s = new byte[SEED_BYTES];
        random.nextBytes(s);
        return s;
    }

    @Override
    public long[] x() {
        return x.clone();
    }

    @Override
    public byte[] maskSeed() {
        return maskSeed.clone();
    }

    /** The number of input values. */
    public int width() {
        return x.length;
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + 8 * x.length);
        b.put((byte) version).put(maskSeed).putInt(x.length);
        for (long v : x) {
            b.putLong(v);
        }
        return b.array();
    }

    public static RequestPayload decode(byte[] bytes) throws EnvelopeException {
        ByteCursor c = new ByteCursor(bytes, "request payload", Reason.MALFORMED_PAYLOAD);
        int version = c.u8("version");
        if (version != VERSION) {
            throw new EnvelopeException(Reason.UNSUPPORTED_VERSION, "request payload version " + version
                    + " is not supported (expected " + VERSION + ")");
        }
        byte[] seed = c.bytes(SEED_BYTES, "mask_seed");
        long n = c.u32("n");
        if (n < 1 || n > MAX_INPUTS) {
            throw new EnvelopeException(Reason.MALFORMED_PAYLOAD, "request payload field n: " + n
                    + " inputs, expected 1.." + MAX_INPUTS);
        }
        if (c.remaining() < 8 * n) {
            throw new EnvelopeException(Reason.MALFORMED_PAYLOAD, "request payload truncated in field x: n = " + n
                    + " needs " + 8 * n + " bytes, " + c.remaining() + " left");
        }
        long[] x = new long[(int) n];
        for (int i = 0; i < x.length; i++) {
            x[i] = c.i64("x");
        }
        c.expectEnd("x");
        return new RequestPayload(version, x, seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestPayload p && version == p.version && Arrays.equals(x, p.x)
                && MessageDigest.isEqual(maskSeed, p.maskSeed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x);
    }

    /** Never shows x or the seed. */
    @Override
    public String toString() {
        return "RequestPayload[version=" + version + ", inputs=" + x.length + ", maskSeed=<secret>]";
    }
}
