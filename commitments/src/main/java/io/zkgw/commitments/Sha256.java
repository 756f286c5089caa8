package io.zkgw.commitments;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 with the small conveniences the commitments need. */
public final class Sha256 {
    public static final int LENGTH = 32;

    private Sha256() {}

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public static byte[] hash(byte[]... parts) {
        MessageDigest d = digest();
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    public static String hex(byte[] h) {
        return java.util.HexFormat.of().formatHex(h);
    }

    public static byte[] unhex(String s, String what) {
        try {
            byte[] b = java.util.HexFormat.of().parseHex(s);
            if (b.length != LENGTH) {
                throw new IllegalArgumentException(what + " must be 32 bytes (64 hex digits), got " + b.length);
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not 64 hex digits: " + e.getMessage());
        }
    }
}
