package io.zkgw.commitments.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.commitments.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleLogTest {
    static List<byte[]> leaves(int n) {
        List<byte[]> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(MerkleLog.leafHash(("record " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return l;
    }

    @Test
    void streamingRootEqualsRecursiveRoot() {
        for (int n = 0; n <= 70; n++) {
            List<byte[]> l = leaves(n);
            MerkleLog.Builder b = new MerkleLog.Builder();
            l.forEach(b::add);
            assertArrayEquals(MerkleLog.root(l, 0, n), b.root(), "n=" + n);
        }
    }

    @Test
    void everyInclusionProofVerifiesAndEveryTamperingFails() {
        for (int n = 1; n <= 33; n++) {
            List<byte[]> l = leaves(n);
            byte[] root = MerkleLog.root(l, 0, n);
            for (int i = 0; i < n; i++) {
                List<byte[]> path = MerkleLog.path(l, i, 0, n);
                assertTrue(MerkleLog.verify(root, n, i, l.get(i), path), "n=" + n + " i=" + i);
                // the size is not bound by the path alone; RecordProof checks it against the commitment
                if (n > 1) {
                    int j = (i + 1) % n;
                    assertFalse(MerkleLog.verify(root, n, j, l.get(i), path), "wrong index");
                    assertFalse(MerkleLog.verify(root, n, i, l.get(j), path), "wrong leaf");
                    for (int k = 0; k < path.size(); k++) {
                        List<byte[]> bad = new ArrayList<>(path);
                        byte[] h = bad.get(k).clone();
                        h[k % 32] ^= 1;
                        bad.set(k, h);
                        assertFalse(MerkleLog.verify(root, n, i, l.get(i), bad), "tampered path " + k);
                    }
                    assertFalse(MerkleLog.verify(root, n, i, l.get(i), path.subList(0, path.size() - 1)), "short path");
                }
                List<byte[]> longer = new ArrayList<>(path);
                longer.add(new byte[32]);
                assertFalse(MerkleLog.verify(root, n, i, l.get(i), longer), "long path");
            }
        }
    }

    @Test
    void knownAnswer() {
        // Pins the tree hash (leaf/node prefixes, split rule). Changing it is a format version bump.
        byte[] root = MerkleLog.root(leaves(7), 0, 7);
        assertEquals(KNOWN_ROOT_7, Sha256.hex(root));
    }

    static final String KNOWN_ROOT_7 = "6650979f6c878aad85f380ec89c9e2a7af10d2a64aa96a8918aa7f507b20f98e";
}
