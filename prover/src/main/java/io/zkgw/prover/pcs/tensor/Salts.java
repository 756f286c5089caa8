package io.zkgw.prover.pcs.tensor;

import java.util.Arrays;

/**
 * The leaf salts of the opened columns of a hiding opening: {@link TensorProtocol#SALT_BYTES} bytes per
 * (opened position, tree), position-major. Immutable.
 */
public final class Salts {
    static final Salts NONE = new Salts(new byte[0]);
    private final byte[] bytes;

    Salts(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** Where the salt of tree {@code tree} at opened position number {@code q} starts in {@link #array()}. */
    int offset(int q, int tree, int trees) {
        return (q * trees + tree) * TensorProtocol.SALT_BYTES;
    }

    /** The salts themselves, not a copy, for hashing in place: callers only read them. */
    byte[] array() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Salts s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Salts[" + bytes.length + " bytes]";
    }
}
