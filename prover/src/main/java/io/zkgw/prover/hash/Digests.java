package io.zkgw.prover.hash;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of digests stored back to back in one array. A batch's joint openings carry about 45k Merkle
 * siblings; as {@link Digest} objects that was an allocation and a copy per sibling on the prover (read off the
 * tree, gathered, copied into immutable lists, written out) and on the verifier (read, then copied into the hash
 * buffer). Here a multiproof is one array, copied into the proof and hashed from where it lies. {@link #get}
 * makes a {@link Digest} on demand, for callers that want one.
 */
public final class Digests extends AbstractList<Digest> implements RandomAccess {
    private static final Digests EMPTY = new Digests(new byte[0], 0, 0);

    private final byte[] bytes;
    private final int offset;
    private final int size;

    private Digests(byte[] bytes, int offset, int size) {
        this.bytes = bytes;
        this.offset = offset;
        this.size = size;
    }

    /** Takes ownership of {@code bytes} (32 per digest): the caller must not change it afterwards. */
    public static Digests ownedBy(byte[] bytes) {
        if (bytes.length % Digest.LENGTH != 0) {
            throw new IllegalArgumentException(bytes.length + " bytes are not a whole number of digests");
        }
        return bytes.length == 0 ? EMPTY : new Digests(bytes, 0, bytes.length / Digest.LENGTH);
    }

    /** The digests of {@code list} (itself when it already is a {@link Digests}: immutable, so never copied). */
    public static Digests of(List<Digest> list) {
        if (list instanceof Digests d) {
            return d;
        }
        byte[] out = new byte[list.size() * Digest.LENGTH];
        for (int i = 0; i < list.size(); i++) {
            list.get(i).copyTo(out, i * Digest.LENGTH);
        }
        return ownedBy(out);
    }

    @Override
    public Digest get(int index) {
        return Digest.copyOf(bytes, offsetOf(index));
    }

    @Override
    public int size() {
        return size;
    }

    /** A view of [from, to), sharing the array. */
    @Override
    public Digests subList(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("subList(" + from + ", " + to + ") of " + size + " digests");
        }
        return new Digests(bytes, offset + from * Digest.LENGTH, to - from);
    }

    /** The array holding digest {@code index}, at {@link #offsetOf}: for hashing in place, not to be changed. */
    public byte[] array() {
        return bytes;
    }

    /** Where digest {@code index} starts in {@link #array()}. */
    public int offsetOf(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("digest " + index + " of " + size);
        }
        return offset + index * Digest.LENGTH;
    }

    public int byteLength() {
        return size * Digest.LENGTH;
    }

    /** Copies all digests, back to back, to dst from dstOffset. */
    public void copyAllTo(byte[] dst, int dstOffset) {
        System.arraycopy(bytes, offset, dst, dstOffset, byteLength());
    }
}
