package io.zkgw.chainclient.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.crypto.Hashes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6962 tree and proofs; CometBFT compatibility itself is checked on real headers in the it/ tests. */
class MerkleTreeTest {
    static List<byte[]> items(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new byte[] {(byte) i, (byte) (i * 7)});
        }
        return out;
    }

    /** Aunts of leaf {@code index}, bottom up, computed independently by recursion over the split. */
    static List<ByteString> aunts(List<byte[]> items, int index) {
        if (items.size() == 1) {
            return new ArrayList<>();
        }
        int k = (int) MerkleTree.splitPoint(items.size());
        List<byte[]> left = items.subList(0, k);
        List<byte[]> right = items.subList(k, items.size());
        List<ByteString> out;
        if (index < k) {
            out = aunts(left, index);
            out.add(ByteString.copyFrom(MerkleTree.root(right)));
        } else {
            out = aunts(right, index - k);
            out.add(ByteString.copyFrom(MerkleTree.root(left)));
        }
        return out;
    }

    @Test
    void emptyAndSingleLeafFollowRfc6962() {
        assertArrayEquals(Hashes.sha256(new byte[0]), MerkleTree.root(List.of()));
        assertArrayEquals(Hashes.sha256(new byte[] {0, 42}), MerkleTree.root(List.of(new byte[] {42})));
        byte[] l = MerkleTree.leafHash(new byte[] {1});
        byte[] r = MerkleTree.leafHash(new byte[] {2});
        assertArrayEquals(Hashes.sha256(new byte[] {1}, l, r), MerkleTree.root(List.of(new byte[] {1}, new byte[] {2})));
    }

    @Test
    void everyLeafProvesAndTamperingFails() {
        for (int n = 1; n <= 19; n++) {
            List<byte[]> items = items(n);
            byte[] root = MerkleTree.root(items);
            for (int i = 0; i < n; i++) {
                byte[] leaf = MerkleTree.leafHash(items.get(i));
                List<ByteString> a = aunts(items, i);
                MerkleProof.Result ok = MerkleProof.computeRoot(n, i, leaf, a);
                assertTrue(ok.ok(), ok.failure());
                assertArrayEquals(root, ok.root(), "n=" + n + " i=" + i);
                assertFalse(MerkleProof.computeRoot(n, n, leaf, a).ok(), "index out of range");
                List<ByteString> longer = new ArrayList<>(a);
                longer.add(ByteString.copyFrom(new byte[32]));
                MerkleProof.Result extra = MerkleProof.computeRoot(n, i, leaf, longer);
                assertTrue(!extra.ok() || !java.util.Arrays.equals(root, extra.root()), "extra aunt");
                if (!a.isEmpty()) {
                    List<ByteString> bad = new ArrayList<>(a);
                    byte[] x = bad.getFirst().toByteArray();
                    x[0] ^= 1;
                    bad.set(0, ByteString.copyFrom(x));
                    assertFalse(java.util.Arrays.equals(root, MerkleProof.computeRoot(n, i, leaf, bad).root()), "flipped aunt");
                }
            }
        }
    }
}
