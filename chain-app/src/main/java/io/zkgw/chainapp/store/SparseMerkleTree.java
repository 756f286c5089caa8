package io.zkgw.chainapp.store;

import io.zkgw.chainapp.crypto.Hashes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable, compacted sparse Merkle tree over SHA-256 of the keys (256-bit paths, bit 0 = most
 * significant bit of the first byte, 0 = left).
 *
 * <p>Canonical form: a subtree that holds exactly one key is represented by that key's leaf, at the
 * highest position where it is alone; an empty subtree is represented by nothing. So the root is a
 * function of the set of (key, value) pairs only, not of the order of updates.
 *
 * <pre>
 *   leaf hash   = SHA-256(0x00 || SHA-256(key) || SHA-256(value))
 *   branch hash = SHA-256(0x01 || hash(left) || hash(right)),  hash(empty) = 32 zero bytes
 *   root        = hash(root node), 32 zero bytes for the empty tree
 * </pre>
 *
 * <p>Updates copy the path they touch and share everything else, so a version of the tree is one
 * reference, old versions stay valid, and a diff between two versions costs only what changed.
 * Instances are safe to share between threads.
 */
public final class SparseMerkleTree {
    public static final int HASH_BYTES = 32;
    public static final int DEPTH = 256;
    static final byte[] EMPTY_HASH = new byte[HASH_BYTES];
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte BRANCH_PREFIX = 0x01;

    private static final SparseMerkleTree EMPTY = new SparseMerkleTree(null, 0);

    private final Node root;
    private final long size;

    private SparseMerkleTree(Node root, long size) {
        this.root = root;
        this.size = size;
    }

    public static SparseMerkleTree empty() {
        return EMPTY;
    }

    /** Number of keys. */
    public long size() {
        return size;
    }

    /** The 32-byte root hash (the app hash). */
    public byte[] rootHash() {
        return root == null ? EMPTY_HASH.clone() : root.hash().clone();
    }

    /** The stored value, or null when the key is absent. */
    public byte[] get(byte[] key) {
        byte[] kh = Hashes.sha256(key);
        Node n = root;
        int depth = 0;
        while (n instanceof Branch b) {
            n = bit(kh, depth++) == 0 ? b.left : b.right;
        }
        if (n instanceof Leaf l && Arrays.equals(l.keyHash, kh)) {
            return l.value.clone();
        }
        return null;
    }

    /** A tree with {@code key} set to {@code value} (values must be non-empty; absence is removal). */
    public SparseMerkleTree put(byte[] key, byte[] value) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("values must be non-empty; use remove()");
        }
        Leaf leaf = new Leaf(key.clone(), value.clone());
        boolean[] added = new boolean[1];
        Node r = insert(root, 0, leaf, added);
        return new SparseMerkleTree(r, size + (added[0] ? 1 : 0));
    }

    /** A tree without {@code key} (this tree when the key is absent). */
    public SparseMerkleTree remove(byte[] key) {
        byte[] kh = Hashes.sha256(key);
        Node r = delete(root, 0, kh);
        return r == root ? this : new SparseMerkleTree(r, size - 1);
    }

    private static Node insert(Node n, int depth, Leaf leaf, boolean[] added) {
        if (n == null) {
            added[0] = true;
            return leaf;
        }
        if (n instanceof Leaf l) {
            if (Arrays.equals(l.keyHash, leaf.keyHash)) {
                return leaf;
            }
            added[0] = true;
            return split(l, leaf, depth);
        }
        Branch b = (Branch) n;
        if (bit(leaf.keyHash, depth) == 0) {
            return new Branch(insert(b.left, depth + 1, leaf, added), b.right);
        }
        return new Branch(b.left, insert(b.right, depth + 1, leaf, added));
    }

    /** The smallest subtree at {@code depth} holding two leaves with different key hashes. */
    private static Node split(Leaf a, Leaf b, int depth) {
        int ba = bit(a.keyHash, depth);
        int bb = bit(b.keyHash, depth);
        if (ba != bb) {
            return ba == 0 ? new Branch(a, b) : new Branch(b, a);
        }
        Node below = split(a, b, depth + 1);
        return ba == 0 ? new Branch(below, null) : new Branch(null, below);
    }

    private static Node delete(Node n, int depth, byte[] kh) {
        if (n == null) {
            return null;
        }
        if (n instanceof Leaf l) {
            return Arrays.equals(l.keyHash, kh) ? null : l;
        }
        Branch b = (Branch) n;
        Node left = b.left;
        Node right = b.right;
        if (bit(kh, depth) == 0) {
            left = delete(left, depth + 1, kh);
            if (left == b.left) {
                return b;
            }
        } else {
            right = delete(right, depth + 1, kh);
            if (right == b.right) {
                return b;
            }
        }
        // keep the canonical form: a lone leaf moves up in place of its branch
        if (left == null && right instanceof Leaf) {
            return right;
        }
        if (right == null && left instanceof Leaf) {
            return left;
        }
        if (left == null && right == null) {
            return null;
        }
        return new Branch(left, right);
    }

    /** Visits every (key, value) in key-hash order. */
    public void forEach(BiConsumer<byte[], byte[]> visitor) {
        walk(root, visitor);
    }

    private static void walk(Node n, BiConsumer<byte[], byte[]> visitor) {
        if (n instanceof Leaf l) {
            visitor.accept(l.key.clone(), l.value.clone());
        } else if (n instanceof Branch b) {
            walk(b.left, visitor);
            walk(b.right, visitor);
        }
    }

    /** One change between two versions: {@code value == null} means the key was removed. */
    public record Change(byte[] key, byte[] value) {}

    /**
     * The changes that turn {@code older} into this tree, in key-hash order. Subtrees shared by
     * reference are skipped, so the cost is proportional to what changed.
     */
    public List<Change> diffFrom(SparseMerkleTree older) {
        List<Change> out = new ArrayList<>();
        diff(older.root, root, out);
        return out;
    }

    private static void diff(Node a, Node b, List<Change> out) {
        if (a == b) {
            return;
        }
        if (a instanceof Branch ba && b instanceof Branch bb) {
            diff(ba.left, bb.left, out);
            diff(ba.right, bb.right, out);
            return;
        }
        // one side is a leaf or empty: compare the (few) leaves below both
        Map<String, Leaf> before = new LinkedHashMap<>();
        collect(a, before);
        Map<String, Leaf> after = new LinkedHashMap<>();
        collect(b, after);
        List<Change> local = new ArrayList<>();
        List<byte[]> order = new ArrayList<>();
        for (var e : after.entrySet()) {
            Leaf old = before.get(e.getKey());
            Leaf now = e.getValue();
            if (old == null || !Arrays.equals(old.value, now.value)) {
                local.add(new Change(now.key.clone(), now.value.clone()));
                order.add(now.keyHash);
            }
        }
        for (var e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                local.add(new Change(e.getValue().key.clone(), null));
                order.add(e.getValue().keyHash);
            }
        }
        // sort this local group by key hash so the overall output is in key-hash order
        Integer[] idx = new Integer[local.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Arrays.compareUnsigned(order.get(x), order.get(y)));
        for (Integer i : idx) {
            out.add(local.get(i));
        }
    }

    private static void collect(Node n, Map<String, Leaf> out) {
        if (n instanceof Leaf l) {
            out.put(Hashes.hex(l.keyHash), l);
        } else if (n instanceof Branch b) {
            collect(b.left, out);
            collect(b.right, out);
        }
    }

    /**
     * A proof for {@code key}: of membership when the key is present, of non-membership otherwise.
     * Check it with {@link #verify}.
     */
    public Proof prove(byte[] key) {
        byte[] kh = Hashes.sha256(key);
        List<byte[]> siblings = new ArrayList<>();
        Node n = root;
        int depth = 0;
        while (n instanceof Branch b) {
            if (bit(kh, depth++) == 0) {
                siblings.add(hashOf(b.right));
                n = b.left;
            } else {
                siblings.add(hashOf(b.left));
                n = b.right;
            }
        }
        if (n instanceof Leaf l && !Arrays.equals(l.keyHash, kh)) {
            return new Proof(kh, siblings, l.keyHash.clone(), l.valueHash.clone());
        }
        return new Proof(kh, siblings, null, null);
    }

    /**
     * A path from the root towards {@code keyHash}: the sibling hashes from the root down, and, when the
     * path ends at a leaf of another key, that leaf's key hash and value hash.
     */
    public record Proof(byte[] keyHash, List<byte[]> siblings, byte[] otherLeafKeyHash, byte[] otherLeafValueHash) {
        public Proof {
            siblings = List.copyOf(siblings);
        }
    }

    /**
     * Checks {@code proof} against {@code root}: that {@code key} maps to {@code value}, or, when
     * {@code value} is null, that {@code key} is absent. Never throws on malformed input.
     */
    public static boolean verify(byte[] root, byte[] key, byte[] value, Proof proof) {
        if (root == null || root.length != HASH_BYTES || proof == null || proof.keyHash() == null) {
            return false;
        }
        byte[] kh = Hashes.sha256(key);
        if (!Arrays.equals(kh, proof.keyHash()) || proof.siblings().size() > DEPTH) {
            return false;
        }
        int depth = proof.siblings().size();
        byte[] cur;
        if (value != null) {
            if (value.length == 0 || proof.otherLeafKeyHash() != null) {
                return false;
            }
            cur = leafHash(kh, Hashes.sha256(value));
        } else if (proof.otherLeafKeyHash() != null) {
            byte[] okh = proof.otherLeafKeyHash();
            byte[] ovh = proof.otherLeafValueHash();
            if (okh.length != HASH_BYTES || ovh == null || ovh.length != HASH_BYTES || Arrays.equals(okh, kh)) {
                return false;
            }
            for (int i = 0; i < depth; i++) {
                if (bit(okh, i) != bit(kh, i)) {
                    return false; // that leaf does not sit on this key's path
                }
            }
            cur = leafHash(okh, ovh);
        } else {
            if (proof.otherLeafValueHash() != null) {
                return false;
            }
            cur = EMPTY_HASH;
        }
        for (int i = depth - 1; i >= 0; i--) {
            byte[] sib = proof.siblings().get(i);
            if (sib == null || sib.length != HASH_BYTES) {
                return false;
            }
            cur = bit(kh, i) == 0 ? branchHash(cur, sib) : branchHash(sib, cur);
        }
        return MessageDigest.isEqual(cur, root);
    }

    static int bit(byte[] h, int i) {
        return (h[i >>> 3] >>> (7 - (i & 7))) & 1;
    }

    static byte[] leafHash(byte[] keyHash, byte[] valueHash) {
        MessageDigest md = Hashes.sha256();
        md.update(LEAF_PREFIX);
        md.update(keyHash);
        md.update(valueHash);
        return md.digest();
    }

    static byte[] branchHash(byte[] left, byte[] right) {
        MessageDigest md = Hashes.sha256();
        md.update(BRANCH_PREFIX);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    private static byte[] hashOf(Node n) {
        return n == null ? EMPTY_HASH.clone() : n.hash().clone();
    }

    private sealed interface Node permits Leaf, Branch {
        byte[] hash();
    }

    private static final class Leaf implements Node {
        final byte[] key;
        final byte[] value;
        final byte[] keyHash;
        final byte[] valueHash;
        final byte[] hash;

        Leaf(byte[] key, byte[] value) {
            this.key = key;
            this.value = value;
            this.keyHash = Hashes.sha256(key);
            this.valueHash = Hashes.sha256(value);
            this.hash = leafHash(keyHash, valueHash);
        }

        @Override
        public byte[] hash() {
            return hash;
        }
    }

    private static final class Branch implements Node {
        final Node left;
        final Node right;
        private volatile byte[] hash; // computed on first use; immutable inputs make races harmless

        Branch(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public byte[] hash() {
            byte[] h = hash;
            if (h == null) {
                h = branchHash(left == null ? EMPTY_HASH : left.hash(), right == null ? EMPTY_HASH : right.hash());
                hash = h;
            }
            return h;
        }
    }
}
