package io.zkgw.prover.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.Goldilocks;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TranscriptTest {
    static Transcript t() {
        return Transcript.create("zkgw-test", 1);
    }

    @Test
    void deterministicAndDomainSeparated() {
        Transcript a = t();
        Transcript b = t();
        a.absorbU64("x", 5);
        b.absorbU64("x", 5);
        assertEquals(a.challengeExt("c"), b.challengeExt("c"));
        assertNotEquals(Transcript.create("zkgw-test", 2).state(), t().state(), "version separates");
        assertNotEquals(Transcript.create("zkgw-tesu", 1).state(), t().state(), "protocol separates");
    }

    @Test
    void everyAbsorbedDetailChangesTheChallenge() {
        Set<Ext2> seen = new HashSet<>();
        Transcript base = t();
        // Same bytes under different labels, tags or framings must all give different challenges.
        Transcript[] ts = new Transcript[8];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = base.copy();
        }
        ts[0].absorbU64("a", 1);
        ts[1].absorbU64("b", 1);
        ts[2].absorbField("a", 1);
        ts[3].absorbBytes("a", new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
        ts[4].absorbFields("a", new long[] {1});
        ts[5].absorbBytes("a", new byte[] {1});
        ts[6].absorbBytes("a1", new byte[0]);
        ts[7].absorbU64("a", 1);
        ts[7].absorbU64("a", 1);
        for (Transcript x : ts) {
            seen.add(x.challengeExt("c"));
        }
        assertEquals(ts.length, seen.size());
        // Message order matters.
        Transcript p = t();
        Transcript q = t();
        p.absorbU64("a", 1);
        p.absorbU64("b", 2);
        q.absorbU64("b", 2);
        q.absorbU64("a", 1);
        assertNotEquals(p.challengeField("c"), q.challengeField("c"));
    }

    @Test
    void successiveChallengesDifferAndLabelsMatter() {
        Transcript a = t();
        Transcript b = t();
        long x = a.challengeField("c");
        long y = a.challengeField("c");
        assertNotEquals(x, y);
        assertNotEquals(x, b.challengeField("d"));
    }

    @Test
    void challengesAreCanonicalAndIndicesInRange() {
        Transcript a = t();
        for (int i = 0; i < 200; i++) {
            assertTrue(Goldilocks.isCanonical(a.challengeField("f")));
        }
        int[] idx = a.challengeIndices("q", 5000, 12);
        int[] counts = new int[12];
        for (int v : idx) {
            counts[v]++;
        }
        for (int c : counts) {
            assertTrue(c > 300 && c < 550, "roughly uniform: " + c);
        }
        int[] pow2 = a.challengeIndices("q", 1000, 1 << 20);
        for (int v : pow2) {
            assertTrue(v >= 0 && v < (1 << 20));
        }
        assertThrows(IllegalArgumentException.class, () -> a.challengeIndices("q", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> a.absorbField("x", Goldilocks.P));
    }

    @Test
    void extVectorChallengeIsTheSameStreamAsRepeatedPairs() {
        var v = t().challengeExts("c", 3);
        assertEquals(3, v.size());
        // First element of a vector squeeze equals a single squeeze with the same tag and label.
        assertEquals(t().challengeExt("c"), v.get(0));
    }
}
