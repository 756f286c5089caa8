package io.zkgw.prover.pcs.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hiding variant of the tensor PCS: completeness, binding checks, one-opening rule, and uniformity of what an opening reveals. */
class TensorPcsHidingTest {
    static final TensorPcsParams P = TensorPcsParams.HIDING;
    static final TensorPcsProver PROVER = new TensorPcsProver(P);
    static final TensorPcsVerifier VERIFIER = new TensorPcsVerifier(P);

    static Transcript transcript() {
        return Transcript.create("zkgw-pcs-hiding-test", 1);
    }

    static byte[] seed(int i) {
        byte[] s = new byte[32];
        s[0] = (byte) i;
        s[1] = (byte) (i >>> 8);
        s[31] = 7;
        return s;
    }


    @Test
    void hidingOpeningsVerifyForEveryShapeAndRoundTrip() throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        for (int n : new int[] {0, 3, 6, 9, 12}) {
            long[] poly = FieldVec.random(rng, 1 << n);
            TensorProverData data = PROVER.commit(List.of(poly), seed(n));
            assertEquals(data.commitment(), PROVER.commit(List.of(poly), seed(n)).commitment(), "deterministic in the seed");
            assertNotEquals(data.commitment(), PROVER.commit(List.of(poly), seed(n + 100)).commitment(), "the seed changes the commitment");
            ExtVector z = TensorPcsTest.randomPoint(rng, n);
            List<EvalClaim> claims = List.of(new EvalClaim(0, z, Mle.evaluate(poly, z)));
            Transcript pt = transcript();
            TensorOpeningProof proof = PROVER.open(data, claims, pt);
            assertTrue(proof.hiding());
            assertEquals(data.layout().messageLength(), proof.proximityRow().size());
            Transcript vt = transcript();
            VERIFIER.verify(data.commitment(), List.of(n), claims, proof, vt);
            assertEquals(pt.state(), vt.state());
            byte[] enc = proof.encode();
            VERIFIER.verifyEncoded(data.commitment(), List.of(n), claims, enc, transcript());
            TensorOpeningProof decoded = VERIFIER.decodeProof(enc, data.commitment(), List.of(n), claims, transcript());
            assertEquals(proof, decoded);
            assertArrayEquals(enc, decoded.encode());
            // the version-1 (non-hiding) verifier refuses a hiding proof, and vice versa
            assertThrows(VerificationException.class,
                    () -> TensorPcs.standard().verifyEncoded(data.commitment(), List.of(n), claims, enc, transcript()));
            // wrong value, wrong mask value, a flipped salt: rejected
            List<EvalClaim> wrong = List.of(new EvalClaim(0, z, claims.getFirst().value().add(Ext2.ONE)));
            assertThrows(VerificationException.class, () -> VERIFIER.verifyEncoded(data.commitment(), List.of(n), wrong, enc, transcript()));
            TensorOpeningProof badMask = new TensorOpeningProof(proof.maskValue().add(Ext2.ONE), proof.proximityRow(), proof.evalRows(),
                    proof.columns(), proof.salts(), proof.siblings(), true);
            assertThrows(VerificationException.class, () -> VERIFIER.verify(data.commitment(), List.of(n), claims, badMask, transcript()));
            byte[] s = proof.salts().bytes();
            s[5] ^= 1;
            TensorOpeningProof badSalt = new TensorOpeningProof(proof.maskValue(), proof.proximityRow(), proof.evalRows(), proof.columns(),
                    new Salts(s), proof.siblings(), true);
            VerificationException e = assertThrows(VerificationException.class,
                    () -> VERIFIER.verify(data.commitment(), List.of(n), claims, badSalt, transcript()));
            assertTrue(e.getMessage().contains("Merkle"), e.getMessage());
        }
    }

    @Test
    void aHidingCommitmentOpensOnceAndAReusableOneOnlyWithFreshMasks() throws Exception {
        SplittableRandom rng = new SplittableRandom(4);
        long[] poly = FieldVec.random(rng, 1 << 10);
        TensorProverData once = PROVER.commit(List.of(poly), seed(1));
        ExtVector z = TensorPcsTest.randomPoint(rng, 10);
        List<EvalClaim> claims = List.of(new EvalClaim(0, z, Mle.evaluate(poly, z)));
        PROVER.open(once, claims, transcript());
        assertThrows(IllegalStateException.class, () -> PROVER.open(once, claims, transcript()));

        TensorProverData weights = PROVER.commitReusable(List.of(poly), seed(2));
        TensorLayout w = weights.layout();
        for (int proof = 0; proof < 3; proof++) {
            TensorProverData masks = PROVER.commitMasks(w.logCols(), seed(10 + proof));
            ExtVector zz = TensorPcsTest.randomPoint(rng, 10);
            List<EvalClaim> c = List.of(new EvalClaim(0, zz, Mle.evaluate(poly, zz)));
            TensorOpeningProof p = PROVER.openJoint(List.of(weights, masks), c, transcript());
            VERIFIER.verifyEncodedJointLayouts(List.of(weights.commitment(), masks.commitment()),
                    List.of(w, TensorLayout.masksOnly(P, w.logCols())), c, p.encode(), transcript());
            // the masks commitment is spent; the reusable one alone has no fresh masks
            assertThrows(IllegalStateException.class, () -> PROVER.openJoint(List.of(weights, masks), c, transcript()));
        }
        assertThrows(IllegalStateException.class, () -> PROVER.open(weights, claims, transcript()));
        // claims at two points need two evaluation masks: refused
        assertThrows(IllegalArgumentException.class, () -> PROVER.open(PROVER.commit(List.of(poly), seed(3)),
                List.of(claims.getFirst(), new EvalClaim(0, TensorPcsTest.randomPoint(rng, 10), Ext2.ZERO)), transcript()));
    }

    /** Requester-sized hiding commitments (one polynomial of 2^5 entries each) and one claim per tree at a common point. */
    record JointCase(List<TensorProverData> data, List<EvalClaim> claims) {
        List<TensorCommitment> commitments() {
            return data.stream().map(TensorProverData::commitment).toList();
        }
    }

    static JointCase jointCase(SplittableRandom rng, int trees, int firstSeed) {
        List<TensorProverData> data = new ArrayList<>();
        List<long[]> polys = new ArrayList<>();
        for (int b = 0; b < trees; b++) {
            polys.add(FieldVec.random(rng, 1 << 5));
            data.add(PROVER.commit(List.of(polys.getLast()), seed(firstSeed + b)));
        }
        ExtVector z = TensorPcsTest.randomPoint(rng, 5);
        List<EvalClaim> claims = new ArrayList<>();
        for (int b = 0; b < trees; b++) {
            claims.add(new EvalClaim(b, z, Mle.evaluate(polys.get(b), z)));
        }
        return new JointCase(data, claims);
    }

    /**
     * The prover's row combination (column by column, 192-bit sums, rows with a zero coefficient skipped) equals
     * Σ_r coef_r·message_r summed entry by entry from the messages (data then padding; mask rows whole), for
     * coefficients with and without zeros, over a joint matrix of three trees.
     */
    @Test
    void aRowCombinationEqualsItsSumEntryByEntry() {
        SplittableRandom rng = new SplittableRandom(11);
        List<TensorProverData> data = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            data.add(PROVER.commit(List.of(FieldVec.random(rng, 1 << 11)), seed(200 + b)));
        }
        TensorLayout layout = TensorLayout.joint(data.stream().map(TensorProverData::layout).toList());
        int rows = layout.totalRows();
        int k = layout.messageLength();
        int cols = layout.cols();
        long[][] msg = new long[rows][];
        for (int i = 0; i < data.size(); i++) {
            TensorProverData d = data.get(i);
            int base = layout.treeRowOffset(i);
            int dataRows = d.layout().treeDataRows(0);
            long[] poly = d.polys()[0];
            for (int r = 0; r < dataRows; r++) {
                long[] m = new long[k];
                System.arraycopy(poly, r * cols, m, 0, cols); // 2^11 entries fill whole rows
                System.arraycopy(d.padding()[r], 0, m, cols, k - cols);
                msg[base + r] = m;
            }
            for (int m = 0; m < TensorLayout.MASK_ROWS; m++) {
                msg[base + dataRows + m] = d.masks()[m];
            }
        }
        assertTrue(layout.treeDataRows(0) > 1, "several data rows per tree");
        for (int set = 0; set < 2; set++) {
            long[] re = FieldVec.random(rng, rows);
            long[] im = FieldVec.random(rng, rows);
            for (int r = 0; set == 1 && r < rows; r += 2) {
                // every other row left out, as an evaluation row leaves out the proximity masks
                re[r] = 0;
                im[r] = 0;
            }
            ExtVector got = TensorPcsProver.combineRows(layout, data, re, im);
            for (int c = 0; c < k; c++) {
                Ext2 want = Ext2.ZERO;
                for (int r = 0; r < rows; r++) {
                    want = want.add(new Ext2(re[r], im[r]).mulBase(msg[r][c]));
                }
                assertEquals(want, got.get(c), "coefficient set " + set + ", entry " + c);
            }
        }
    }

    /** A batch's joint C_x opening: 20 requester-sized trees, more than the prover reads on one thread. */
    @Test
    void jointHidingOpeningOfRequesterSizedCommitments() throws Exception {
        int trees = 20;
        JointCase jc = jointCase(new SplittableRandom(5), trees, 50);
        List<EvalClaim> claims = jc.claims();
        TensorOpeningProof p = PROVER.openJoint(jc.data(), claims, transcript());
        List<TensorCommitment> cs = jc.commitments();
        VERIFIER.verifyEncodedJoint(cs, List.of(5), claims, p.encode(), transcript());
        List<TensorCommitment> swapped = new ArrayList<>(cs);
        java.util.Collections.swap(swapped, 0, 5);
        assertThrows(VerificationException.class, () -> VERIFIER.verifyEncodedJoint(swapped, List.of(5), claims, p.encode(), transcript()));
        // every tree's part of every opened column, its salt and its siblings sit where the verifier reads them:
        // one flipped salt bit of tree 17 at the third opened position is named as tree 17's mismatch
        byte[] s = p.salts().bytes();
        s[(2 * trees + 17) * TensorProtocol.SALT_BYTES] ^= 1;
        TensorOpeningProof badSalt = new TensorOpeningProof(p.maskValue(), p.proximityRow(), p.evalRows(), p.columns(), new Salts(s),
                p.siblings(), true);
        VerificationException e = assertThrows(VerificationException.class, () -> VERIFIER.verifyJoint(cs, List.of(5), claims, badSalt, transcript()));
        assertTrue(e.getMessage().contains("commitment 17 of the joint opening"), e.getMessage());
    }

    /**
     * The answers to the queries (opened columns, salts, siblings) are not absorbed (docs/proof-system.md §6.4 step 5):
     * they are bound by the roots alone. The caller's transcript after the opening is the one after the queries, and
     * 600 single-bit mutations spread over the answers of a 20-tree joint opening are all rejected, each by a tree's
     * Merkle root or by decoding (a non-canonical entry); none reaches a row check.
     */
    @Test
    void theAnswersToTheQueriesAreBoundByTheRootsNotByTheTranscript() throws Exception {
        SplittableRandom rng = new SplittableRandom(8);
        JointCase jc = jointCase(rng, 20, 80);
        List<TensorProverData> data = jc.data();
        List<EvalClaim> claims = jc.claims();
        Transcript proverSide = transcript();
        TensorOpeningProof p = PROVER.openJoint(data, claims, proverSide);
        List<TensorCommitment> cs = jc.commitments();

        // the verifier's transcript ends where the prover's does, and that is right after the query positions
        Transcript verifierSide = transcript();
        VERIFIER.verifyJoint(cs, List.of(5), claims, p, verifierSide);
        assertEquals(proverSide.state(), verifierSide.state());
        Transcript replay = transcript();
        TensorLayout joint = TensorLayout.joint(data.stream().map(TensorProverData::layout).toList());
        TensorProtocol.absorbStatement(replay, joint, cs.stream().map(TensorCommitment::root).toList(), claims);
        TensorProtocol.absorbMaskValue(replay, p.maskValue());
        TensorProtocol.challenges(replay, joint, claims);
        TensorProtocol.absorbRowsAndQuery(replay, joint, p.proximityRow(), p.evalRows());
        assertEquals(replay.state(), proverSide.state(), "nothing is absorbed after the query positions");

        byte[] enc = p.encode();
        int rows = p.columns().getFirst().size();
        int answers = p.columns().size() * rows * 8 + p.salts().length() + p.siblings().size() * 32;
        int from = enc.length - answers;
        int merkle = 0;
        for (int i = 0; i < 600; i++) {
            byte[] m = enc.clone();
            int at = from + rng.nextInt(answers);
            m[at] ^= (byte) (1 << rng.nextInt(8));
            try {
                VERIFIER.verifyEncodedJoint(cs, List.of(5), claims, m, transcript());
                throw new AssertionError("accepted a mutant at byte " + at);
            } catch (io.zkgw.prover.codec.DecodingException e) {
                // a column entry pushed to p or above
            } catch (VerificationException e) {
                assertTrue(e.getMessage().contains("Merkle root mismatch") && e.getMessage().contains("of the joint opening"),
                        "byte " + at + ": " + e.getMessage());
                merkle++;
            }
        }
        assertTrue(merkle > 500, merkle + " of 600 rejected by a Merkle root");
    }

    /** Bytes of one opening of a budgeted commitment with its masks, as the width rule estimates them (§10.5). */
    private static long openingBytesEstimate(TensorLayout l) {
        long t = l.params().numQueries();
        return 2L * 16 * l.messageLength() + 8 * t * (l.totalRows() + TensorLayout.MASK_ROWS) + 2 * 32 * t * l.logBlockLength();
    }

    @Test
    void aBudgetedLayoutIsNarrowedOnlyWhereThatHalvesTheCodewordAndTheOpeningDoesNotGrow() {
        TensorPcsParams k16 = TensorPcsParams.HIDING.withOpeningBudget(18);
        // 2^17 weights: the rule's width (k = 4096) makes 3·(4096 + 180·18) > 2^14; k = 2048 fits 2^14
        TensorLayout narrowed = TensorLayout.of(k16, List.of(17));
        assertEquals(11, narrowed.logCols());
        assertEquals(14, narrowed.logBlockLength());
        TensorLayout wide = TensorLayout.ofWidth(k16, List.of(17), 12);
        assertEquals(15, wide.logBlockLength());
        assertTrue(openingBytesEstimate(narrowed) < openingBytesEstimate(wide));
        // digits-sized weights (2^12): at t = 180 the padding alone needs 2^14 at either width, so no narrowing
        assertEquals(9, TensorLayout.of(k16, List.of(12)).logCols());
        assertEquals(14, TensorLayout.ofWidth(k16, List.of(12), 8).logBlockLength());
        // 2^20 weights: one bit narrower would halve N but double 128 tall columns: kept
        TensorLayout big = TensorLayout.of(k16, List.of(20));
        assertEquals(13, big.logCols());
        assertEquals(16, big.logBlockLength());
        assertTrue(TensorLayout.ofWidth(k16, List.of(20), 12).logBlockLength() < 16);
        // a full layout with no budget (C_x, C_r, the known-answer vectors but the prefix one): the rule of §6.2 alone, even where a
        // narrower width would give a shorter codeword
        assertEquals(11, TensorLayout.of(TensorPcsParams.HIDING, List.of(16)).logCols());
        assertEquals(12, TensorLayout.ofWidth(TensorPcsParams.HIDING, List.of(16), 10).logBlockLength());
        // everywhere: never a longer codeword nor a larger estimated opening than the unnarrowed width
        for (int budget : new int[] {2, 3, 18, 66, 258, 1026}) {
            TensorPcsParams p = TensorPcsParams.HIDING.withOpeningBudget(budget);
            for (int n = 0; n <= 22; n++) {
                TensorLayout l = TensorLayout.of(p, List.of(n));
                int rule = Math.min(n, (n + p.columnBias() + 1) / 2);
                TensorLayout unnarrowed = TensorLayout.ofWidth(p, List.of(n), rule);
                assertTrue(l.logCols() <= rule, "budget " + budget + " n " + n);
                assertTrue(l.logBlockLength() <= unnarrowed.logBlockLength(), "budget " + budget + " n " + n);
                assertTrue(openingBytesEstimate(l) <= openingBytesEstimate(unnarrowed), "budget " + budget + " n " + n);
                if (l.logCols() < rule) {
                    assertTrue(l.logBlockLength() < unnarrowed.logBlockLength(), "narrowed without a shorter codeword: budget " + budget + " n " + n);
                }
            }
        }
    }

    /** Bytes of one opening of a single-tree hiding commitment, as the width rule estimates them (§10.5). */
    private static long singleOpeningBytesEstimate(TensorLayout l) {
        long t = l.params().numQueries();
        return 2L * 16 * l.messageLength() + 8 * t * l.totalRows() + 32 * t * l.logBlockLength();
    }

    @Test
    void aHidingPrefixLayoutIsNarrowedOnlyWhereThatHalvesTheCodewordAndTheOpeningDoesNotGrow() {
        TensorPcsParams p = TensorPcsParams.HIDING;
        // the known-answer prefix (2^12 variables' worth, 2500 used): the rule's k = 512 has K = 692 > 2^11 / 3, so
        // N = 2^12; k = 256 (K = 436) fits N = 2^11 with 10 data rows instead of 5; k = 128 would halve N again
        // but 20 data rows cost more opened bytes than the shorter rows save
        TensorLayout kat = TensorLayout.ofPrefix(p, 12, 2500);
        assertEquals(8, kat.logCols());
        assertEquals(11, kat.logBlockLength());
        assertEquals(10 + TensorLayout.MASK_ROWS, kat.totalRows());
        // a bc_logreg-sized witness (2^11, 1300 used) goes two steps, to k = 128 and N = 2^10
        assertEquals(7, TensorLayout.ofPrefix(p, 11, 1300).logCols());
        assertEquals(10, TensorLayout.ofPrefix(p, 11, 1300).logBlockLength());
        // a digits-sized witness (k = 1024, K = 1204: N = 4k already): nothing to halve
        assertEquals(TensorLayout.of(p, List.of(14)).logCols(), TensorLayout.ofPrefix(p, 14, 12000).logCols());
        // the plain parameters have no padding: never narrowed
        assertEquals(TensorLayout.of(TensorPcsParams.STANDARD, List.of(12)).logCols(),
                TensorLayout.ofPrefix(TensorPcsParams.STANDARD, 12, 2500).logCols());
        for (int n = 0; n <= 22; n++) {
            TensorLayout full = TensorLayout.of(p, List.of(n));
            for (long used : new long[] {1, (1L << n) / 3 + 1, (1L << n) * 5 / 8, 1L << n}) {
                if (used < 1 || used > 1L << n) {
                    continue;
                }
                String what = "n " + n + " used " + used;
                TensorLayout l = TensorLayout.ofPrefix(p, n, used);
                assertTrue(l.logCols() <= full.logCols(), what);
                assertEquals(singleOpeningBytesEstimate(l), prefixOpeningBytesEstimate(p, n, used, l.logCols()), what);
                assertTrue(singleOpeningBytesEstimate(l) <= prefixOpeningBytesEstimate(p, n, used, full.logCols()), what);
                if (l.logCols() < full.logCols()) {
                    assertEquals(full.logBlockLength() - (full.logCols() - l.logCols()), l.logBlockLength(), "each step halves N: " + what);
                }
                assertTrue(TensorSoundness.errorBits(l, 1) >= 104, what);
                assertTrue(l.messageLength() * 3 <= l.blockLength(), "rate ≤ 1/3: " + what);
            }
        }
    }

    /** {@link #singleOpeningBytesEstimate} of a prefix of used entries at a given width, computed here from the layout rules. */
    private static long prefixOpeningBytesEstimate(TensorPcsParams p, int n, long used, int logCols) {
        TensorLayout atWidth = TensorLayout.ofWidth(p, List.of(n), logCols);
        long dataRows = n >= logCols ? (used + (1L << logCols) - 1) >>> logCols : 1;
        long t = p.numQueries();
        return 2L * 16 * atWidth.messageLength() + 8 * t * (dataRows + TensorLayout.MASK_ROWS) + 32 * t * atWidth.logBlockLength();
    }

    /**
     * t = 180 at the unique-decoding radius e = ⌊(d − 1)/2⌋: with rate ≤ 1/3 both query terms are at most
     * (2/3)^180 = 2^−105.3, so every layout has ≥ 104 bits (most have more: their rate is below 1/3). At the
     * proximity lemma's e = ⌊(d − 1)/3⌋ the same 180 queries would give under 100 bits (≈ 80 here), which is
     * why versions 1 and 2 needed 246 and 280.
     */
    @Test
    void everyHidingLayoutHasAtLeast104Bits() {
        for (int n = 0; n <= 26; n++) {
            TensorLayout l = TensorLayout.of(P, List.of(n));
            double bits = TensorSoundness.errorBits(l, 1);
            assertTrue(bits >= 104, "n=" + n + ": " + bits + " bits");
            assertTrue(l.messageLength() * 3 <= l.blockLength(), "rate ≤ 1/3 at n=" + n);
            // the budgeted C_W of the default K = 11 and of K = 16 too (opening budgets K + 2)
            for (int budget : new int[] {13, 18}) {
                TensorLayout w = TensorLayout.of(P.withOpeningBudget(budget), List.of(n));
                assertTrue(TensorSoundness.errorBits(w, 1) >= 104, "budget " + budget + " n=" + n);
            }
        }
        TensorLayout l = TensorLayout.of(P, List.of(10));
        double d = l.blockLength() - l.messageLength() + 1;
        double oneThird = Math.floor((d - 1) / 3);
        assertTrue(-Math.log(Math.pow(1 - (oneThird + 1) / l.blockLength(), P.numQueries())) / Math.log(2) < 100);
    }

    /**
     * What one opening reveals is uniform whatever the committed data: across 300 commitments with fresh
     * blinding, the low 4 bits of the proximity row, of the evaluation row and of the opened column entries
     * are histogrammed for an all-zero polynomial and for a random one (same claim structure), and each
     * histogram passes a χ² test against uniform (15 degrees of freedom, p ≈ 0.001 threshold 37.7). The
     * non-hiding variant fails the same test on the all-zero polynomial (its rows are zero), which shows
     * the test can fail.
     */
    @Test
    void openedElementsAreUniformWhateverTheData() throws Exception {
        int n = 8;
        long[] zero = new long[1 << n];
        long[] random = FieldVec.random(new SplittableRandom(6), 1 << n);
        for (long[] poly : List.of(zero, random)) {
            long[][] hist = new long[3][16];
            for (int i = 0; i < 300; i++) {
                TensorProverData data = PROVER.commit(List.of(poly), seed(1000 + i));
                SplittableRandom rng = new SplittableRandom(i);
                ExtVector z = TensorPcsTest.randomPoint(rng, n);
                TensorOpeningProof p = PROVER.open(data, List.of(new EvalClaim(0, z, Mle.evaluate(poly, z))), transcript());
                count(hist[0], p.proximityRow());
                count(hist[1], p.evalRows().getFirst());
                for (BaseVector c : p.columns()) {
                    hist[2][(int) (c.get(0) & 15)]++; // the data row's entry
                }
            }
            for (int h = 0; h < 3; h++) {
                double chi2 = chiSquare(hist[h]);
                assertTrue(chi2 < 37.7, (poly == zero ? "zero" : "random") + " polynomial, histogram " + h + ": χ² = " + chi2);
            }
        }
        // the same statistic on a non-hiding opening of the zero polynomial: far from uniform
        TensorPcs plain = TensorPcs.standard();
        long[] hist = new long[16];
        for (int i = 0; i < 50; i++) {
            ExtVector z = TensorPcsTest.randomPoint(new SplittableRandom(i), n);
            TensorOpeningProof p = plain.open(plain.commit(List.of(zero)), List.of(new EvalClaim(0, z, Ext2.ZERO)), transcript());
            count(hist, p.proximityRow());
        }
        assertTrue(chiSquare(hist) > 1000, "plain opening of zeros looks uniform?");
    }

    /**
     * The requesters of a batch each know their own commitment whole (data, padding, masks) and the public
     * challenges. What requester 0 can take out of the joint opening of both C_x (its own rows' share of the
     * proximity and evaluation rows) leaves requester 1's share, which requester 1's masks keep uniform whether its
     * data is zero or random. Without requester 1's masks in the combination (an opening that used one tree's masks
     * for the whole batch) the same residual of a zero input is far from uniform: why a joint opening combines every
     * tree's masks, and why masks for a whole batch may only be ones that no requester knows (docs/proof-system.md §10.4).
     */
    @Test
    void aRequesterOfABatchLearnsNothingOfAnotherRequestersRowsFromTheJointOpening() {
        int n = 5;
        long[] zero = new long[1 << n];
        long[] random = FieldVec.random(new SplittableRandom(9), 1 << n);
        long[] withoutOtherMasks = new long[16];
        for (long[] other : List.of(zero, random)) {
            long[][] hist = new long[2][16];
            for (int i = 0; i < 300; i++) {
                SplittableRandom rng = new SplittableRandom(100 + i);
                long[] own = FieldVec.random(rng, 1 << n);
                List<TensorProverData> data = List.of(PROVER.commit(List.of(own), seed(3000 + 2 * i)),
                        PROVER.commit(List.of(other), seed(3001 + 2 * i)));
                ExtVector z = TensorPcsTest.randomPoint(rng, n);
                List<EvalClaim> claims = List.of(new EvalClaim(0, z, Mle.evaluate(own, z)), new EvalClaim(1, z, Mle.evaluate(other, z)));
                TensorOpeningProof p = PROVER.openJoint(data, claims, transcript());
                // requester 0 replays the public challenges
                TensorLayout layout = TensorLayout.joint(data.stream().map(TensorProverData::layout).toList());
                Transcript t = transcript();
                TensorProtocol.absorbStatement(t, layout, data.stream().map(d -> d.commitment().root()).toList(), claims);
                TensorProtocol.absorbMaskValue(t, p.maskValue());
                TensorProtocol.Challenges ch = TensorProtocol.challenges(t, layout, claims);
                long[][] prox = TensorProtocol.proximityCoefficients(layout, ch.gamma());
                TensorProtocol.GroupVectors gv = TensorProtocol.groupVectors(layout, claims, ClaimGroups.of(claims).members().getFirst(), ch);
                long[][] eval = {gv.coefRe(), gv.coefIm()};
                int otherFrom = layout.treeRowOffset(1);
                int otherMasks = otherFrom + data.get(1).layout().treeDataRows(0);
                count(hist[0], minus(p.proximityRow(), share(layout, data, prox, 0, otherFrom)));
                ExtVector evalResidual = minus(p.evalRows().getFirst(), share(layout, data, eval, 0, otherFrom));
                count(hist[1], evalResidual);
                if (other == zero) {
                    count(withoutOtherMasks, minus(evalResidual, share(layout, data, eval, otherMasks, layout.totalRows())));
                }
            }
            for (int h = 0; h < 2; h++) {
                double chi2 = chiSquare(hist[h]);
                assertTrue(chi2 < 37.7, (other == zero ? "zero" : "random") + " input of requester 1, residual " + h + ": χ² = " + chi2);
            }
        }
        assertTrue(chiSquare(withoutOtherMasks) > 1000, "a zero input's share without its own masks looks uniform?");
    }

    /** Σ coef_r·message_r over the joint rows [from, to) only. */
    private static ExtVector share(TensorLayout layout, List<TensorProverData> data, long[][] coef, int from, int to) {
        long[] re = new long[layout.totalRows()];
        long[] im = new long[layout.totalRows()];
        System.arraycopy(coef[0], from, re, from, to - from);
        System.arraycopy(coef[1], from, im, from, to - from);
        return TensorPcsProver.combineRows(layout, data, re, im);
    }

    private static ExtVector minus(ExtVector a, ExtVector b) {
        List<Ext2> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i).sub(b.get(i)));
        }
        return ExtVector.of(out);
    }

    static void count(long[] hist, ExtVector v) {
        for (int i = 0; i < v.size(); i++) {
            hist[(int) (v.re(i) & 15)]++;
            hist[(int) (v.im(i) & 15)]++;
        }
    }

    static double chiSquare(long[] hist) {
        long total = 0;
        for (long h : hist) {
            total += h;
        }
        double expected = (double) total / hist.length;
        double chi2 = 0;
        for (long h : hist) {
            chi2 += (h - expected) * (h - expected) / expected;
        }
        return chi2;
    }
}
