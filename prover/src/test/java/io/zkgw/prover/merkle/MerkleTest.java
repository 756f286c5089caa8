package io.zkgw.prover.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Sha256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MerkleTest {
    static byte[] leaves(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] out = new byte[32 * n];
        for (int i = 0; i < n; i++) {
            byte[] h = MerkleHash.leaf(new byte[0], new long[] {rng.nextLong() >>> 1, i});
            System.arraycopy(h, 0, out, 32 * i, 32);
        }
        return out;
    }

    static byte[][] leafHashes(byte[] leaves, int[] idx) {
        byte[][] out = new byte[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = Arrays.copyOfRange(leaves, 32 * idx[i], 32 * idx[i] + 32);
        }
        return out;
    }

    @Test
    void rootMatchesADirectRecursiveDefinition() {
        byte[] l = leaves(4, 1);
        MerkleTree t = MerkleTree.fromLeafHashes(l);
        byte[] n01 = MerkleHash.node(l, 0, l, 32);
        byte[] n23 = MerkleHash.node(l, 64, l, 96);
        assertEquals(Digest.of(MerkleHash.node(n01, 0, n23, 0)), t.root());
        // Node hash is SHA-256(0x01 || left || right); leaf hash is SHA-256(0x00 || salt || values).
        byte[] in = new byte[65];
        in[0] = 1;
        System.arraycopy(l, 0, in, 1, 64);
        assertArrayEquals(Sha256.hash(in), n01);
        byte[] leafIn = new byte[1 + 2 + 8];
        leafIn[0] = 0;
        leafIn[1] = 9;
        leafIn[2] = 9;
        leafIn[3] = 5;
        assertArrayEquals(Sha256.hash(leafIn), MerkleHash.leaf(new byte[] {9, 9}, new long[] {5}));
        assertEquals(0, MerkleTree.fromLeafHashes(leaves(1, 2)).depth());
    }

    @Test
    void everySubsetOfASmallTreeVerifies() {
        int depth = 4;
        int n = 1 << depth;
        byte[] l = leaves(n, 3);
        MerkleTree t = MerkleTree.fromLeafHashes(l);
        byte[] root = t.root().toByteArray();
        for (int m = 1; m < (1 << n); m += 7) {
            int mask = m;
            int[] idx = java.util.stream.IntStream.range(0, n).filter(i -> ((mask >>> i) & 1) == 1).toArray();
            List<Digest> proof = t.multiproof(idx);
            assertEquals(MerkleMultiproof.siblingCount(idx, depth), proof.size());
            // the flat multiproof holds the nodes of the canonical order, and a list of Digest objects verifies alike
            assertEquals(referenceMultiproof(t, idx), proof);
            assertArrayEquals(root, MerkleMultiproof.computeRoot(idx, leafHashes(l, idx), proof, depth));
            assertArrayEquals(root, MerkleMultiproof.computeRoot(idx, leafHashes(l, idx), new java.util.ArrayList<>(proof), depth));
        }
        // Opening everything needs no siblings; opening one leaf needs depth siblings.
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        assertEquals(0, MerkleMultiproof.siblingCount(all, depth));
        assertEquals(depth, MerkleMultiproof.siblingCount(new int[] {5}, depth));
    }

    /** The canonical order spelled out node by node (docs/proof-system.md §6.4, "Merkle multiproof"). */
    static List<Digest> referenceMultiproof(MerkleTree t, int[] sortedIndices) {
        List<Digest> out = new java.util.ArrayList<>();
        List<Integer> known = new java.util.ArrayList<>();
        for (int i : sortedIndices) {
            known.add(i);
        }
        for (int level = 0; level < t.depth(); level++) {
            List<Integer> up = new java.util.ArrayList<>();
            for (int i = 0; i < known.size(); i++) {
                int idx = known.get(i);
                if ((idx & 1) == 0 && i + 1 < known.size() && known.get(i + 1) == idx + 1) {
                    i++;
                } else {
                    out.add(t.node(level, idx ^ 1));
                }
                up.add(idx >>> 1);
            }
            known = up;
        }
        return out;
    }

    @Test
    void tamperingIsDetected() {
        int depth = 10;
        byte[] l = leaves(1 << depth, 4);
        MerkleTree t = MerkleTree.fromLeafHashes(l);
        byte[] root = t.root().toByteArray();
        int[] idx = {3, 4, 5, 100, 511, 512, 1023};
        List<Digest> proof = t.multiproof(idx);
        byte[][] hashes = leafHashes(l, idx);
        for (int s = 0; s < proof.size(); s++) {
            List<Digest> bad = new ArrayList<>(proof);
            byte[] b = bad.get(s).toByteArray();
            b[0] ^= 1;
            bad.set(s, Digest.of(b));
            assertFalse(Arrays.equals(root, MerkleMultiproof.computeRoot(idx, hashes, bad, depth)));
        }
        for (int i = 0; i < idx.length; i++) {
            byte[][] bad = hashes.clone();
            bad[i] = bad[i].clone();
            bad[i][31] ^= (byte) 0x80;
            assertFalse(Arrays.equals(root, MerkleMultiproof.computeRoot(idx, bad, proof, depth)));
        }
        // Same leaves presented at other positions.
        int[] shifted = {2, 4, 5, 100, 511, 512, 1023};
        assertFalse(Arrays.equals(root, MerkleMultiproof.computeRoot(shifted, hashes, t.multiproof(shifted), depth)));
        assertThrows(IllegalArgumentException.class, () -> MerkleMultiproof.computeRoot(idx, hashes, proof.subList(1, proof.size()), depth));
        List<Digest> longer = new ArrayList<>(proof);
        longer.add(proof.getFirst());
        assertThrows(IllegalArgumentException.class, () -> MerkleMultiproof.computeRoot(idx, hashes, longer, depth));
        assertThrows(IllegalArgumentException.class, () -> MerkleMultiproof.siblingCount(new int[] {4, 3}, depth));
        assertThrows(IllegalArgumentException.class, () -> MerkleMultiproof.siblingCount(new int[] {1024}, depth));
        assertThrows(IllegalArgumentException.class, () -> MerkleMultiproof.siblingCount(new int[0], depth));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.fromLeafHashes(new byte[96]));
    }

    @Test
    void inPlaceHashesMatchTheSpecifiedOnes() {
        // the verifier hashes leaves and nodes into one buffer; the bytes must be the specified leaf and node hashes,
        // also when the output overwrites an input
        SplittableRandom rng = new SplittableRandom(7);
        long[] values = rng.longs(9, 0, Long.MAX_VALUE).toArray();
        byte[] salts = new byte[40];
        for (int i = 0; i < salts.length; i++) {
            salts[i] = (byte) rng.nextInt();
        }
        byte[] buf = new byte[96];
        MerkleHash.leafInto(salts, 16, 16, values, 2, 5, buf, 32);
        assertArrayEquals(MerkleHash.leaf(Arrays.copyOfRange(salts, 16, 32), Arrays.copyOfRange(values, 2, 7)), Arrays.copyOfRange(buf, 32, 64));
        MerkleHash.leafInto(salts, 0, 0, values, 0, 9, buf, 0);
        assertArrayEquals(MerkleHash.leaf(new byte[0], values), Arrays.copyOf(buf, 32));
        byte[] expected = MerkleHash.node(buf, 0, buf, 32);
        MerkleHash.nodeInto(buf, 0, buf, 32, buf, 0);
        assertArrayEquals(expected, Arrays.copyOf(buf, 32));
        expected = MerkleHash.node(buf, 64, buf, 0);
        MerkleHash.nodeInto(buf, 64, buf, 0, buf, 0);
        assertArrayEquals(expected, Arrays.copyOf(buf, 32));
    }
}
