package io.zkgw.prover.hash;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable 32-byte SHA-256 output (Merkle roots, nodes, commitments). */
public final class Digest {
    public static final int LENGTH = 32;
    private final byte[] bytes;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Digest of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("digest must be 32 bytes, got " + bytes.length);
        }
        return new Digest(bytes.clone());
    }

    public static Digest copyOf(byte[] src, int offset) {
        return new Digest(Arrays.copyOfRange(src, offset, offset + LENGTH));
    }

    public static Digest fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, LENGTH);
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
