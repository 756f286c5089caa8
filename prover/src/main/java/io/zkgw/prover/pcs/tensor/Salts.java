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

    /** The salt of tree {@code tree} at opened position number {@code q} (of {@code trees} trees). */
    byte[] get(int q, int tree, int trees) {
        int at = (q * trees + tree) * TensorProtocol.SALT_BYTES;
        return Arrays.copyOfRange(bytes, at, at + TensorProtocol.SALT_BYTES);
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
