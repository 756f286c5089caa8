package io.zkgw.chainapp.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.chainapp.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SparseMerkleTreeTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emptyTreeHasZeroRoot() {
        assertArrayEquals(new byte[32], SparseMerkleTree.empty().rootHash());
        assertNull(SparseMerkleTree.empty().get(b("x")));
    }

    @Test
    void singleLeafRootIsTheLeafHash() {
        SparseMerkleTree t = SparseMerkleTree.empty().put(b("k"), b("v"));
        byte[] expected = Hashes.sha256(new byte[] {0}, Hashes.sha256(b("k")), Hashes.sha256(b("v")));
        assertArrayEquals(expected, t.rootHash());
    }

    @Test
    void rootDependsOnContentNotOnHistory() {
        Random rnd = new Random(42);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            keys.add("key-" + i);
        }
        SparseMerkleTree a = SparseMerkleTree.empty();
        for (String k : keys) {
            a = a.put(b(k), b("v" + k));
        }
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, rnd);
        SparseMerkleTree c = SparseMerkleTree.empty();
        for (String k : shuffled) {
            c = c.put(b(k), b("old"));
            c = c.put(b("junk" + k), b("x"));
        }
        for (String k : shuffled) {
            c = c.put(b(k), b("v" + k));
            c = c.remove(b("junk" + k));
        }
        assertArrayEquals(a.rootHash(), c.rootHash());
        assertEquals(500, c.size());
        // removing everything returns to the empty root
        for (String k : keys) {
            c = c.remove(b(k));
        }
        assertArrayEquals(new byte[32], c.rootHash());
        assertEquals(0, c.size());
    }

    @Test
    void versionsAreImmutable() {
        SparseMerkleTree v1 = SparseMerkleTree.empty().put(b("a"), b("1"));
        byte[] r1 = v1.rootHash();
        SparseMerkleTree v2 = v1.put(b("a"), b("2")).put(b("b"), b("3"));
        assertArrayEquals(r1, v1.rootHash());
        assertArrayEquals(b("1"), v1.get(b("a")));
        assertArrayEquals(b("2"), v2.get(b("a")));
        assertNull(v1.get(b("b")));
    }

    @Test
    void membershipAndNonMembershipProofsVerify() {
        SparseMerkleTree t = SparseMerkleTree.empty();
        for (int i = 0; i < 200; i++) {
            t = t.put(b("k" + i), b("value " + i));
        }
        byte[] root = t.rootHash();
        for (int i = 0; i < 200; i++) {
            SparseMerkleTree.Proof p = t.prove(b("k" + i));
            assertTrue(SparseMerkleTree.verify(root, b("k" + i), b("value " + i), p));
            assertFalse(SparseMerkleTree.verify(root, b("k" + i), b("other"), p));
            assertFalse(SparseMerkleTree.verify(root, b("k" + i), null, p));
        }
        int leafEnded = 0;
        int emptyEnded = 0;
        for (int i = 0; i < 200; i++) {
            SparseMerkleTree.Proof p = t.prove(b("absent" + i));
            assertTrue(SparseMerkleTree.verify(root, b("absent" + i), null, p));
            assertFalse(SparseMerkleTree.verify(root, b("absent" + i), b("x"), p));
            if (p.otherLeafKeyHash() != null) {
                leafEnded++;
            } else {
                emptyEnded++;
            }
        }
        assertTrue(leafEnded > 0 && emptyEnded > 0, "both kinds of non-membership proof exercised");
    }

    @Test
    void forgedProofsFail() {
        SparseMerkleTree t = SparseMerkleTree.empty();
        for (int i = 0; i < 50; i++) {
            t = t.put(b("k" + i), b("v" + i));
        }
        byte[] root = t.rootHash();
        SparseMerkleTree.Proof p = t.prove(b("k7"));
        List<byte[]> sib = new ArrayList<>(p.siblings());
        byte[] s0 = sib.get(0).clone();
        s0[0] ^= 1;
        sib.set(0, s0);
        assertFalse(SparseMerkleTree.verify(root, b("k7"), b("v7"), new SparseMerkleTree.Proof(p.keyHash(), sib, null, null)));
        // a proof for one key is not a proof for another
        assertFalse(SparseMerkleTree.verify(root, b("k8"), b("v7"), p));
        // claiming absence of a present key by pointing at it as "another leaf" fails
        SparseMerkleTree.Proof q = t.prove(b("k9"));
        byte[] kh = Hashes.sha256(b("k9"));
        assertFalse(SparseMerkleTree.verify(root, b("k9"), null,
                new SparseMerkleTree.Proof(kh, q.siblings(), kh, Hashes.sha256(b("v9")))));
        // truncated paths fail
        assertFalse(SparseMerkleTree.verify(root, b("k7"), b("v7"),
                new SparseMerkleTree.Proof(p.keyHash(), p.siblings().subList(1, p.siblings().size()), null, null)));
    }

    @Test
    void diffListsExactlyTheChanges() {
        Random rnd = new Random(7);
        Map<String, String> model = new HashMap<>();
        SparseMerkleTree t = SparseMerkleTree.empty();
        for (int i = 0; i < 300; i++) {
            t = t.put(b("k" + i), b("v" + i));
            model.put("k" + i, "v" + i);
        }
        for (int round = 0; round < 20; round++) {
            SparseMerkleTree before = t;
            for (int j = 0; j < 15; j++) {
                String k = "k" + rnd.nextInt(400);
                if (rnd.nextBoolean()) {
                    t = t.put(b(k), b("w" + round + j));
                } else {
                    t = t.remove(b(k));
                }
            }
            // replaying the diff on the old version gives the new one
            SparseMerkleTree replay = before;
            for (SparseMerkleTree.Change c : t.diffFrom(before)) {
                replay = c.value() == null ? replay.remove(c.key()) : replay.put(c.key(), c.value());
            }
            assertArrayEquals(t.rootHash(), replay.rootHash());
            assertEquals(t.size(), replay.size());
        }
        assertTrue(t.diffFrom(t).isEmpty());
    }
}
