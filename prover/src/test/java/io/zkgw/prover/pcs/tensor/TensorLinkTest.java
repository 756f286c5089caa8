package io.zkgw.prover.pcs.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.ByteMutations;
import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.hash.AesPrg;
import io.zkgw.prover.transcript.Transcript;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Links between two hiding commitments: completeness for every kind of free region (none, inside one row,
 * whole rows, both), rejection of a difference anywhere outside the region, of swapped or foreign
 * commitments, of another region, and of every random mutation of a proof.
 */
class TensorLinkTest {
    static final TensorPcsParams P = TensorPcsParams.HIDING.withOpeningBudget(3);
    static final TensorPcsProver PCS = new TensorPcsProver(P);
    static final TensorLinkProver PROVER = new TensorLinkProver(P);
    static final TensorLinkVerifier VERIFIER = new TensorLinkVerifier(P);

    static Transcript transcript() {
        return Transcript.create("zkgw-link-test", 1);
    }

    static byte[] seed(int i) {
        byte[] s = new byte[32];
        s[0] = (byte) i;
        s[5] = (byte) (i >>> 8);
        s[31] = 3;
        return s;
    }

    /** The same table with the free entries drawn afresh. */
    static long[] refreshed(long[] a, TensorLink.FreeRegion free, SplittableRandom rng) {
        long[] b = a.clone();
        for (int i = free.from(); i < free.to(); i++) {
            b[i] = Goldilocks.reduce64(rng.nextLong());
        }
        return b;
    }

    record Case(int numVars, TensorLink.FreeRegion free) {}

    /** With 2^12 entries the layout has 2^9 columns and 8 rows: regions inside a row, over whole rows, across rows. */
    static final List<Case> CASES = List.of(new Case(4, new TensorLink.FreeRegion(0, 0, 0)), new Case(4, new TensorLink.FreeRegion(0, 8, 12)),
            new Case(12, new TensorLink.FreeRegion(0, 0, 0)), new Case(12, new TensorLink.FreeRegion(0, 1024 + 64, 1024 + 96)),
            new Case(12, new TensorLink.FreeRegion(0, 2048, 3072)), new Case(12, new TensorLink.FreeRegion(0, 700, 2100)));

    static byte[] link(TensorProverData a, TensorProverData b, TensorLink.FreeRegion free, int maskSeed) {
        return PROVER.prove(a, b, free, new AesPrg("zkgw/test/link-masks", seed(maskSeed)), transcript()).encode();
    }

    @Test
    void commitmentsThatAgreeOutsideTheRegionAreLinked() throws Exception {
        SplittableRandom rng = new SplittableRandom(11);
        int i = 0;
        for (Case c : CASES) {
            long[] a = FieldVec.random(rng, 1 << c.numVars());
            long[] b = refreshed(a, c.free(), rng);
            TensorProverData da = PCS.commitReusable(List.of(a), seed(100 + i));
            TensorProverData db = PCS.commitReusable(List.of(b), seed(200 + i));
            Transcript pt = transcript();
            byte[] proof = PROVER.prove(da, db, c.free(), new AesPrg("zkgw/test/link-masks", seed(i)), pt).encode();
            Transcript vt = transcript();
            VERIFIER.verify(da.commitment(), db.commitment(), da.layout(), c.free(), proof, vt);
            assertEquals(pt.state(), vt.state(), c + ": prover and verifier transcripts agree");
            assertArrayEquals(proof, link(da, db, c.free(), i), c + ": deterministic in the masks' seed");
            i++;
        }
    }

    @Test
    void aDifferenceOutsideTheRegionIsRejectedWhereverItIs() {
        SplittableRandom rng = new SplittableRandom(12);
        int i = 0;
        for (Case c : CASES) {
            long[] a = FieldVec.random(rng, 1 << c.numVars());
            int size = a.length;
            // the first and last entry, and entries just outside the region on both sides (in a partly free row)
            int[] spots = {0, size - 1, c.free().from() - 1, c.free().to()};
            for (int spot : spots) {
                if (spot < 0 || spot >= size || (spot >= c.free().from() && spot < c.free().to())) {
                    continue;
                }
                long[] b = refreshed(a, c.free(), rng);
                b[spot] = Goldilocks.add(b[spot], 1);
                TensorProverData da = PCS.commitReusable(List.of(a), seed(300 + i));
                TensorProverData db = PCS.commitReusable(List.of(b), seed(400 + i));
                byte[] proof = link(da, db, c.free(), i);
                VerificationException e = assertThrows(VerificationException.class,
                        () -> VERIFIER.verify(da.commitment(), db.commitment(), da.layout(), c.free(), proof, transcript()), c + " entry " + spot);
                assertTrue(e.getMessage().contains("differ"), e.getMessage());
                i++;
            }
        }
    }

    @Test
    void swappedForeignOrReRegionedStatementsAndMutationsAreRejected() throws Exception {
        SplittableRandom rng = new SplittableRandom(13);
        Case c = CASES.get(5);
        long[] a = FieldVec.random(rng, 1 << c.numVars());
        TensorProverData da = PCS.commitReusable(List.of(a), seed(1));
        TensorProverData db = PCS.commitReusable(List.of(refreshed(a, c.free(), rng)), seed(2));
        TensorProverData dc = PCS.commitReusable(List.of(refreshed(a, c.free(), rng)), seed(3));
        TensorLayout layout = da.layout();
        byte[] proof = link(da, db, c.free(), 9);
        VERIFIER.verify(da.commitment(), db.commitment(), layout, c.free(), proof, transcript());
        assertThrows(VerificationException.class, () -> VERIFIER.verify(db.commitment(), da.commitment(), layout, c.free(), proof, transcript()),
                "swapped");
        assertThrows(VerificationException.class, () -> VERIFIER.verify(da.commitment(), dc.commitment(), layout, c.free(), proof, transcript()),
                "a third commitment, also equal to a outside the region, is not the one linked");
        assertThrows(VerificationException.class,
                () -> VERIFIER.verify(da.commitment(), db.commitment(), layout, new TensorLink.FreeRegion(0, 700, 2101), proof, transcript()),
                "another region");
        assertThrows(VerificationException.class,
                () -> VERIFIER.verify(da.commitment(), db.commitment(), layout, c.free(), java.util.Arrays.copyOf(proof, proof.length - 1),
                        transcript()), "truncated");
        assertThrows(VerificationException.class,
                () -> VERIFIER.verify(da.commitment(), db.commitment(), layout, c.free(), java.util.Arrays.copyOf(proof, proof.length + 1),
                        transcript()), "trailing byte");
        assertThrows(VerificationException.class, () -> VERIFIER.verify(da.commitment(), db.commitment(), layout,
                new TensorLink.FreeRegion(0, 0, 1 << 12), proof, transcript()), "a region that leaves nothing to compare");
        assertEquals(0, ByteMutations.accepted(proof, rng, 300, bad -> VERIFIER.verify(da.commitment(), db.commitment(), layout, c.free(), bad,
                transcript())), "random single-byte mutations accepted");
    }

    @Test
    void theDifferenceRowsAreMaskedInsideTheRegionAndZeroOutsideIt() {
        SplittableRandom rng = new SplittableRandom(14);
        Case c = CASES.get(3);
        long[] a = FieldVec.random(rng, 1 << c.numVars());
        TensorProverData da = PCS.commitReusable(List.of(a), seed(21));
        TensorProverData db = PCS.commitReusable(List.of(refreshed(a, c.free(), rng)), seed(22));
        TensorLinkProof p1 = PROVER.prove(da, db, c.free(), new AesPrg("zkgw/test/link-masks", seed(1)), transcript());
        TensorLinkProof p2 = PROVER.prove(da, db, c.free(), new AesPrg("zkgw/test/link-masks", seed(2)), transcript());
        assertEquals(2, p1.diffRows().size(), "a group of whole rows and the partly free row");
        int cols = da.layout().cols();
        for (int g = 0; g < 2; g++) {
            var u = p1.diffRows().get(g);
            int nonZero = 0;
            for (int j = 0; j < u.size(); j++) {
                if (!u.get(j).isZero()) {
                    nonZero++;
                }
            }
            // data zero outside the free columns; the free columns and the padding carry the masks
            int expected = u.size() - cols + (g == 1 ? 32 : 0);
            assertEquals(expected, nonZero, "group " + g + ": non-zero entries");
            assertFalse(u.equals(p2.diffRows().get(g)), "fresh masks give another row");
        }
    }

    @Test
    void onlyReusableHidingCommitmentsOfOneLayoutAreLinked() {
        SplittableRandom rng = new SplittableRandom(15);
        long[] a = FieldVec.random(rng, 1 << 6);
        TensorProverData reusable = PCS.commitReusable(List.of(a), seed(1));
        TensorProverData once = PCS.commit(List.of(a), seed(2));
        TensorProverData wider = PCS.commitReusable(List.of(FieldVec.random(rng, 1 << 8)), seed(3));
        TensorLink.FreeRegion none = new TensorLink.FreeRegion(0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> link(reusable, once, none, 1));
        assertThrows(IllegalArgumentException.class, () -> link(reusable, wider, none, 1));
        assertThrows(IllegalArgumentException.class, () -> new TensorLinkProver(TensorPcsParams.STANDARD));
        assertThrows(IllegalArgumentException.class, () -> new TensorLinkVerifier(TensorPcsParams.STANDARD));
    }
}
