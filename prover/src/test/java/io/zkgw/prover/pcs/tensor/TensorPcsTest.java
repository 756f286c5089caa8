package io.zkgw.prover.pcs.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TensorPcsTest {
    static final TensorPcs PCS = TensorPcs.standard();

    static Transcript transcript() {
        return Transcript.create("zkgw-pcs-test", 1);
    }

    static ExtVector randomPoint(SplittableRandom rng, int n) {
        return ExtVector.of(FieldVec.random(rng, n), FieldVec.random(rng, n));
    }

    static List<long[]> polys(SplittableRandom rng, int... numVars) {
        List<long[]> out = new ArrayList<>();
        for (int n : numVars) {
            out.add(FieldVec.random(rng, 1 << n));
        }
        return out;
    }

    static List<Integer> sizes(List<long[]> polys) {
        return polys.stream().map(p -> Mle.numVars(p.length)).toList();
    }

    static EvalClaim claim(List<long[]> polys, int poly, ExtVector point) {
        return new EvalClaim(poly, point, Mle.evaluate(polys.get(poly), point));
    }

    /** A fixed, small, valid instance: two polynomials, three claims at two points. */
    record Case(List<long[]> polys, TensorCommitment commitment, List<EvalClaim> claims, TensorOpeningProof proof) {
        List<Integer> numVars() {
            return sizes(polys);
        }
    }

    static Case smallCase(long seed, int... numVars) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<long[]> ps = polys(rng, numVars);
        TensorProverData data = PCS.commit(ps);
        ExtVector z0 = randomPoint(rng, numVars[0]);
        List<EvalClaim> claims = new ArrayList<>();
        claims.add(claim(ps, 0, z0));
        claims.add(claim(ps, ps.size() - 1, randomPoint(rng, numVars[ps.size() - 1])));
        if (ps.size() > 1 && numVars[1] == numVars[0]) {
            claims.add(claim(ps, 1, z0));
        }
        TensorOpeningProof proof = PCS.open(data, claims, transcript());
        return new Case(ps, data.commitment(), claims, proof);
    }

    static void verify(Case c, TensorOpeningProof proof) throws VerificationException {
        PCS.verify(c.commitment(), c.numVars(), c.claims(), proof, transcript());
    }

    @Test
    void completenessForSeveralPolysAndPoints() throws Exception {
        SplittableRandom rng = new SplittableRandom(51);
        int[][] shapes = {{0}, {3}, {10}, {12, 12, 5}, {4, 14, 0, 9}, {16}};
        for (int[] shape : shapes) {
            List<long[]> ps = polys(rng, shape);
            TensorProverData data = PCS.commit(ps);
            List<EvalClaim> claims = new ArrayList<>();
            ExtVector shared = null;
            for (int i = 0; i < ps.size(); i++) {
                ExtVector z = randomPoint(rng, shape[i]);
                claims.add(claim(ps, i, z));
                claims.add(claim(ps, i, randomPoint(rng, shape[i])));
                if (shape[i] == shape[0]) {
                    shared = shared == null ? z : shared;
                    claims.add(claim(ps, i, shared));
                }
            }
            Transcript pt = transcript();
            TensorOpeningProof proof = PCS.open(data, claims, pt);
            Transcript vt = transcript();
            PCS.verify(data.commitment(), sizes(ps), claims, proof, vt);
            assertEquals(pt.state(), vt.state(), "prover and verifier transcripts end in the same state");
            byte[] enc = PCS.encodeProof(proof);
            PCS.verifyEncoded(data.commitment(), sizes(ps), claims, enc, transcript());
            TensorOpeningProof decoded = PCS.verifier().decodeProof(enc, data.commitment(), sizes(ps), claims, transcript());
            assertEquals(proof, decoded);
            assertArrayEquals(enc, decoded.encode());
            TensorCommitment c2 = PCS.decodeCommitment(PCS.encodeCommitment(data.commitment()));
            assertEquals(data.commitment(), c2);
        }
    }

    @Test
    void jointOpeningOfCommitmentsWithOneLayout() throws Exception {
        SplittableRandom rng = new SplittableRandom(77);
        int[] shape = {6, 3};
        int copies = 5;
        List<List<long[]>> ps = new ArrayList<>();
        List<TensorProverData> data = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            ps.add(polys(rng, shape));
            data.add(PCS.commit(ps.getLast()));
        }
        List<TensorCommitment> commitments = data.stream().map(TensorProverData::commitment).toList();
        ExtVector z = randomPoint(rng, 6);
        ExtVector w = randomPoint(rng, 3);
        List<EvalClaim> claims = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            claims.add(new EvalClaim(2 * i, z, Mle.evaluate(ps.get(i).get(0), z)));
            claims.add(new EvalClaim(2 * i + 1, w, Mle.evaluate(ps.get(i).get(1), w)));
        }
        TensorPcsProver prover = new TensorPcsProver(TensorPcsParams.STANDARD);
        Transcript pt = transcript();
        TensorOpeningProof proof = prover.openJoint(data, claims, pt);
        assertEquals(2, proof.evalRows().size(), "one evaluation row per point, whatever the number of commitments");
        Transcript vt = transcript();
        PCS.verifier().verifyJoint(commitments, List.of(shape[0], shape[1]), claims, proof, vt);
        assertEquals(pt.state(), vt.state());
        byte[] enc = proof.encode();
        PCS.verifier().verifyEncodedJoint(commitments, List.of(6, 3), claims, enc, transcript());

        // a value of one commitment's polynomial changed; commitments swapped; one commitment missing: rejected
        List<EvalClaim> wrong = new ArrayList<>(claims);
        wrong.set(5, new EvalClaim(5, w, claims.get(5).value().add(Ext2.ONE)));
        assertThrows(VerificationException.class, () -> PCS.verifier().verifyEncodedJoint(commitments, List.of(6, 3), wrong, enc, transcript()));
        List<TensorCommitment> swapped = new ArrayList<>(commitments);
        java.util.Collections.swap(swapped, 1, 3);
        assertThrows(VerificationException.class, () -> PCS.verifier().verifyEncodedJoint(swapped, List.of(6, 3), claims, enc, transcript()));
        VerificationException e = assertThrows(VerificationException.class,
                () -> PCS.verifier().verifyEncodedJoint(commitments.subList(0, 4), List.of(6, 3), claims.subList(0, 8), enc, transcript()));
        assertTrue(e.getMessage().contains("trailing") || e.getMessage().contains("do not match"), e.getMessage());
        // one entry of one tree's part of an opened column changed: that tree's Merkle root no longer matches
        List<BaseVector> cols = new ArrayList<>(proof.columns());
        long[] col = cols.get(0).toArray();
        int rowsEach = col.length / copies;
        col[3 * rowsEach] = Goldilocks.add(col[3 * rowsEach], 1);
        cols.set(0, BaseVector.ownedBy(col));
        TensorOpeningProof tampered = new TensorOpeningProof(proof.proximityRow(), proof.evalRows(), cols, proof.siblings());
        e = assertThrows(VerificationException.class,
                () -> PCS.verifier().verifyJoint(commitments, List.of(6, 3), claims, tampered, transcript()));
        assertTrue(e.getMessage().contains("commitment 3 of the joint opening"), e.getMessage());
        // a joint opening of one commitment is the plain opening, byte for byte
        List<EvalClaim> single = List.of(claims.get(0), claims.get(1));
        assertArrayEquals(PCS.open(data.get(0), single, transcript()).encode(), prover.openJoint(data.subList(0, 1), single, transcript()).encode());
        assertThrows(IllegalArgumentException.class, () -> prover.openJoint(List.of(data.get(0), PCS.commit(polys(rng, 10))), single, transcript()));
    }

    @Test
    void layoutRuleAndSoundnessParameters() {
        TensorPcsParams p = TensorPcsParams.STANDARD;
        TensorLayout l20 = TensorLayout.of(p, List.of(20));
        assertEquals(13, l20.logCols());
        assertEquals(128, l20.totalRows());
        assertEquals(1 << 15, l20.blockLength());
        TensorLayout mixed = TensorLayout.of(p, List.of(4, 14, 0, 9));
        // Σ 2^n = 16 + 16384 + 1 + 512 → ceil(log2) = 15 → logCols = ceil(21/2) = 11.
        assertEquals(11, mixed.logCols());
        assertEquals(1 + 8 + 1 + 1, mixed.totalRows());
        assertEquals(10, mixed.rowOffset(3));
        assertEquals(3, TensorLayout.of(p, List.of(3)).logCols(), "never wider than the largest polynomial");
        for (int n = 0; n <= 26; n++) {
            TensorLayout l = TensorLayout.of(p, List.of(n));
            for (int groups = 1; groups <= 64; groups *= 4) {
                double bits = TensorSoundness.errorBits(l, groups);
                assertTrue(bits >= 100, "n=" + n + " groups=" + groups + " bits=" + bits);
            }
        }
        // The query error dominates: at e = ⌊(d − 1)/2⌋ = ⌊3k/2⌋ each query misses with probability 5/8, in the
        // far case and the close case alike: 2·(5/8)^152 ≈ 2^-102.1.
        assertEquals(102.1, TensorSoundness.errorBits(l20, 1), 0.2);
        assertTrue(TensorSoundness.sumcheckBits(30, 3) > 121);
    }

    /**
     * The opening protocol run on prover data for one matrix while presenting another commitment's root
     * to the transcript: what a prover that committed to P but opens P' does.
     */
    static TensorOpeningProof openClaimingRoot(TensorProverData data, Digest claimedRoot, List<EvalClaim> claims, Transcript t) {
        TensorLayout layout = data.layout();
        TensorProtocol.absorbStatement(t, layout, List.of(claimedRoot), claims);
        TensorProtocol.Challenges ch = TensorProtocol.challenges(t, layout, claims);
        ExtVector u0 = TensorPcsProver.combineRows(data, ch.gamma().reCopy(), ch.gamma().imCopy());
        ClaimGroups groups = ClaimGroups.of(claims);
        List<ExtVector> rows = new ArrayList<>();
        for (List<Integer> members : groups.members()) {
            TensorProtocol.GroupVectors gv = TensorProtocol.groupVectors(layout, claims, members, ch);
            rows.add(TensorPcsProver.combineRows(data, gv.coefRe(), gv.coefIm()));
        }
        int[] positions = TensorProtocol.absorbRowsAndQuery(t, layout, u0, rows);
        return new TensorOpeningProof(u0, rows, columnsAt(data, positions), data.tree().multiproof(positions));
    }

    /** The committed matrix's columns at the given positions, as a prover opens them. */
    static List<BaseVector> columnsAt(TensorProverData data, int[] positions) {
        List<BaseVector> cols = new ArrayList<>();
        for (int j : positions) {
            long[] col = new long[data.layout().totalRows()];
            for (int r = 0; r < col.length; r++) {
                col[r] = data.encoded()[r][j];
            }
            cols.add(BaseVector.of(col));
        }
        return cols;
    }

    @Test
    void openingADifferentPolynomialIsRejected() throws Exception {
        SplittableRandom rng = new SplittableRandom(52);
        for (int n : new int[] {2, 8, 13}) {
            List<long[]> ps = polys(rng, n);
            TensorProverData honest = PCS.commit(ps);
            for (int entry : new int[] {0, (1 << n) - 1, rng.nextInt(1 << n)}) {
                long[] changed = ps.getFirst().clone();
                changed[entry] = Goldilocks.add(changed[entry], 1);
                TensorProverData other = PCS.commit(List.of(changed));
                assertNotEquals(honest.commitment(), other.commitment());
                ExtVector z = randomPoint(rng, n);
                // The cheating prover opens its changed polynomial, with correct values for it.
                List<EvalClaim> claims = List.of(claim(List.of(changed), 0, z));
                TensorOpeningProof proof = openClaimingRoot(other, honest.commitment().root(), claims, transcript());
                // Sanity: the same routine with the matching root is an honest, accepted proof.
                PCS.verify(other.commitment(), List.of(n), claims,
                        openClaimingRoot(other, other.commitment().root(), claims, transcript()), transcript());
                VerificationException e = assertThrows(VerificationException.class,
                        () -> PCS.verify(honest.commitment(), List.of(n), claims, proof, transcript()));
                assertTrue(e.getMessage().contains("Merkle root mismatch"), e.getMessage());
                // The plain prover API on the other data is rejected as well (its transcript differs).
                TensorOpeningProof plain = PCS.open(other, claims, transcript());
                assertThrows(VerificationException.class, () -> PCS.verify(honest.commitment(), List.of(n), claims, plain, transcript()));
            }
        }
    }

    @Test
    void wrongClaimedValuesAreRejected() throws Exception {
        Case c = smallCase(53, 9, 9, 5);
        verify(c, c.proof());
        for (int i = 0; i < c.claims().size(); i++) {
            List<EvalClaim> wrong = new ArrayList<>(c.claims());
            EvalClaim w = wrong.get(i);
            wrong.set(i, new EvalClaim(w.poly(), w.point(), w.value().add(new Ext2(0, 1))));
            // Checked against the honest proof...
            assertThrows(VerificationException.class, () -> PCS.verify(c.commitment(), c.numVars(), wrong, c.proof(), transcript()));
            // ...and a proof generated for the wrong claims (the prover does not check them).
            TensorProverData data = PCS.commit(c.polys());
            TensorOpeningProof lying = PCS.open(data, wrong, transcript());
            assertThrows(VerificationException.class, () -> PCS.verify(c.commitment(), c.numVars(), wrong, lying, transcript()));
            // The claim moved to another polynomial of the same size.
            List<EvalClaim> moved = new ArrayList<>(c.claims());
            if (w.poly() < 2) {
                moved.set(i, new EvalClaim(1 - w.poly(), w.point(), w.value()));
                assertThrows(VerificationException.class, () -> PCS.verify(c.commitment(), c.numVars(), moved, c.proof(), transcript()));
            }
        }
        // Claims in another order, a claim missing, or another shape: rejected.
        List<EvalClaim> reordered = new ArrayList<>(c.claims());
        java.util.Collections.reverse(reordered);
        assertThrows(VerificationException.class, () -> PCS.verify(c.commitment(), c.numVars(), reordered, c.proof(), transcript()));
        assertThrows(VerificationException.class,
                () -> PCS.verify(c.commitment(), c.numVars(), c.claims().subList(0, 2), c.proof(), transcript()));
        assertThrows(VerificationException.class,
                () -> PCS.verify(c.commitment(), List.of(9, 9, 6), c.claims(), c.proof(), transcript()));
        assertThrows(VerificationException.class,
                () -> PCS.verify(c.commitment(), c.numVars(), c.claims(), c.proof(), Transcript.create("zkgw-pcs-test", 2)));
    }

    /**
     * A prover's forgery of a false claim: the evaluation row fixed up so that ⟨u, b⟩ matches the false value
     * (β·(v + 1) − β·v = β added where b is non-zero: δ = β/b_0 at entry 0), with the honest proximity row u0.
     * {@code start} is the transcript after the statement and the challenges.
     */
    record Forgery(TensorProverData data, EvalClaim lie, Transcript start, ExtVector u0, long[][] prox,
            TensorProtocol.GroupVectors gv, Ext2 delta, ExtVector forged) {
        static Forgery of(long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            List<long[]> ps = polys(rng, 12);
            TensorProverData data = PCS.commit(ps);
            ExtVector z = randomPoint(rng, 12);
            EvalClaim lie = new EvalClaim(0, z, claim(ps, 0, z).value().add(Ext2.ONE));
            TensorLayout layout = data.layout();
            Transcript t = transcript();
            TensorProtocol.absorbStatement(t, layout, List.of(data.commitment().root()), List.of(lie));
            TensorProtocol.Challenges ch = TensorProtocol.challenges(t, layout, List.of(lie));
            ExtVector u0 = TensorPcsProver.combineRows(data, ch.gamma().reCopy(), ch.gamma().imCopy());
            TensorProtocol.GroupVectors gv = TensorProtocol.groupVectors(layout, List.of(lie), List.of(0), ch);
            ExtVector honestRow = TensorPcsProver.combineRows(data, gv.coefRe(), gv.coefIm());
            Ext2 delta = ch.beta().get(0).mul(new Ext2(gv.bRe()[0], gv.bIm()[0]).inv());
            return new Forgery(data, lie, t, u0, TensorProtocol.proximityCoefficients(layout, ch.gamma()), gv, delta,
                    addAt0(honestRow, delta));
        }

        /** The honest columns at the positions the given rows lead to, and their multiproof. */
        TensorOpeningProof answer(ExtVector proximity, int[] positions) {
            return new TensorOpeningProof(proximity, List.of(forged), columnsAt(data, positions), data.tree().multiproof(positions));
        }
    }

    static ExtVector addAt0(ExtVector v, Ext2 x) {
        long[] re = v.reCopy();
        long[] im = v.imCopy();
        re[0] = Goldilocks.add(re[0], x.c0());
        im[0] = Goldilocks.add(im[0], x.c1());
        return ExtVector.of(re, im);
    }

    @Test
    void aForgedEvaluationRowIsCaughtByTheColumnChecks() {
        // A prover that fixes up the evaluation row so that ⟨u, b⟩ matches a false value, and then
        // answers the queries that this forged row leads to: the re-encoded row disagrees with the columns.
        Forgery f = Forgery.of(54);
        int[] positions = TensorProtocol.absorbRowsAndQuery(f.start(), f.data().layout(), f.u0(), List.of(f.forged()));
        TensorOpeningProof proof = f.answer(f.u0(), positions);
        VerificationException e = assertThrows(VerificationException.class,
                () -> PCS.verify(f.data().commitment(), List.of(12), List.of(f.lie()), proof, transcript()));
        assertTrue(e.getMessage().contains("evaluation row 0 is inconsistent"), e.getMessage());
    }

    @Test
    void aForgerThatCompensatesForTheRowCheckChallengeIsCaught() throws Exception {
        // The verifier checks the proximity and evaluation rows with one encoding of u_0 + α·u_1. A forger who knew α
        // could pair its forged evaluation row with a proximity row whose error cancels it. α is drawn after the rows
        // are absorbed (the columns are fixed by the root), so a proximity row compensated for one attempt's α changes
        // the queries and α itself: every attempt is rejected, while each compensation does pass against the α it was
        // made for.
        Forgery f = Forgery.of(56);
        TensorLayout layout = f.data().layout();
        ExtVector proximity = f.u0();
        for (int attempt = 0; attempt < 20; attempt++) {
            Transcript t = f.start().copy();
            int[] positions = TensorProtocol.absorbRowsAndQuery(t, layout, proximity, List.of(f.forged()));
            TensorOpeningProof proof = f.answer(proximity, positions);
            VerificationException e = assertThrows(VerificationException.class,
                    () -> PCS.verify(f.data().commitment(), List.of(12), List.of(f.lie()), proof, transcript()), "attempt " + attempt);
            assertTrue(e.getMessage().contains("is inconsistent with opened column"), e.getMessage());
            // compensate for this attempt's α: (u_0 − α·δ·e_0) + α·(u_1 + δ·e_0) = u_0 + α·u_1
            Ext2 alpha = t.copy().challengeExt("pcs/tensor/row-check-batching");
            ExtVector compensated = addAt0(f.u0(), alpha.mul(f.delta()).neg());
            List<TensorPcsVerifier.RowCheck> rows = List.of(new TensorPcsVerifier.RowCheck(compensated, f.prox()[0], f.prox()[1], "proximity row"),
                    new TensorPcsVerifier.RowCheck(f.forged(), f.gv().coefRe(), f.gv().coefIm(), "evaluation row 0"));
            // against the α it was made for, the compensation passes the combined check (which is why α comes last)
            TensorPcsVerifier.checkRowsAgainstColumns(layout.code(), rows, positions, proof.columns(), t);
            proximity = compensated;
        }
    }

    @Test
    void everySingleBitFlipOfASmallProofIsRejected() throws Exception {
        Case c = smallCase(55, 5, 3);
        byte[] enc = c.proof().encode();
        assertTrue(c.proof().siblings().size() > 0 && c.proof().evalRows().size() == 2, "covers siblings and two groups");
        PCS.verifyEncoded(c.commitment(), c.numVars(), c.claims(), enc, transcript());
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger undecodable = new AtomicInteger();
        IntStream.range(0, enc.length).parallel().forEach(i -> {
            for (int b = 0; b < 8; b++) {
                byte[] m = enc.clone();
                m[i] ^= (byte) (1 << b);
                try {
                    PCS.verifyEncoded(c.commitment(), c.numVars(), c.claims(), m, transcript());
                    accepted.incrementAndGet();
                } catch (DecodingException e) {
                    undecodable.incrementAndGet();
                } catch (VerificationException e) {
                    // rejected
                }
            }
        });
        assertEquals(0, accepted.get(), "accepted mutants of a " + enc.length + "-byte proof");
        assertTrue(undecodable.get() > 0, "some flips (version byte, high bits) must fail to decode");
    }

    @Test
    void randomByteReplacementOfAMediumProofIsRejected() throws Exception {
        Case c = smallCase(56, 7, 7, 4);
        byte[] enc = c.proof().encode();
        PCS.verifyEncoded(c.commitment(), c.numVars(), c.claims(), enc, transcript());
        AtomicInteger accepted = new AtomicInteger();
        IntStream.range(0, enc.length).parallel().forEach(i -> {
            SplittableRandom r = new SplittableRandom(i);
            byte[] m = enc.clone();
            m[i] = (byte) (m[i] ^ (1 + r.nextInt(255)));
            try {
                PCS.verifyEncoded(c.commitment(), c.numVars(), c.claims(), m, transcript());
                accepted.incrementAndGet();
            } catch (VerificationException e) {
                // rejected
            }
        });
        assertEquals(0, accepted.get());
    }

    @Test
    void commitmentMutationsAreRejected() throws Exception {
        Case c = smallCase(57, 6, 4);
        byte[] enc = c.commitment().encode();
        assertEquals(TensorCommitment.ENCODED_LENGTH, enc.length);
        for (int i = 0; i < enc.length; i++) {
            for (int b = 0; b < 8; b++) {
                byte[] m = enc.clone();
                m[i] ^= (byte) (1 << b);
                assertThrows(VerificationException.class, () -> {
                    TensorCommitment other = TensorCommitment.decode(m);
                    PCS.verify(other, c.numVars(), c.claims(), c.proof(), transcript());
                });
            }
        }
        assertThrows(DecodingException.class, () -> TensorCommitment.decode(Arrays.copyOf(enc, 34)));
        assertThrows(DecodingException.class, () -> TensorCommitment.decode(Arrays.copyOf(enc, 32)));
    }

    @Test
    void truncatedExtendedAndNonCanonicalEncodingsAreRejected() throws Exception {
        Case c = smallCase(58, 8, 8);
        byte[] enc = c.proof().encode();
        for (int cut : new int[] {0, 1, 17, enc.length / 2, enc.length - 32, enc.length - 1}) {
            byte[] m = Arrays.copyOf(enc, cut);
            DecodingException e = assertThrows(DecodingException.class,
                    () -> PCS.verifyEncoded(c.commitment(), c.numVars(), c.claims(), m, transcript()));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
        for (int extra : new int[] {1, 8, 32}) {
            byte[] m = Arrays.copyOf(enc, enc.length + extra);
            DecodingException e = assertThrows(DecodingException.class,
                    () -> PCS.verifyEncoded(c.commitment(), c.numVars(), c.claims(), m, transcript()));
            assertTrue(e.getMessage().contains("trailing"), e.getMessage());
        }
        // The first coefficient of the proximity row replaced by its value + p (same residue, non-canonical
        // when it fits): must not decode, although reducing it would give a valid proof.
        long v = c.proof().proximityRow().re(0);
        long alias = v + Goldilocks.P; // wraps as unsigned: non-canonical iff v < 2^32 - 1
        byte[] m = enc.clone();
        long replaced = Long.compareUnsigned(v, 0xFFFF_FFFFL) < 0 ? alias : Goldilocks.P;
        for (int i = 0; i < 8; i++) {
            m[1 + i] = (byte) (replaced >>> (8 * i));
        }
        DecodingException e = assertThrows(DecodingException.class,
                () -> PCS.verifyEncoded(c.commitment(), c.numVars(), c.claims(), m, transcript()));
        assertTrue(e.getMessage().contains("non-canonical") && e.getMessage().contains("proximity row"), e.getMessage());
        byte[] version = enc.clone();
        version[0] = 0;
        e = assertThrows(DecodingException.class,
                () -> PCS.verifyEncoded(c.commitment(), c.numVars(), c.claims(), version, transcript()));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }

    @Test
    void structurallyWrongProofObjectsAreRejected() {
        Case c = smallCase(59, 8, 8);
        TensorOpeningProof p = c.proof();
        List<TensorOpeningProof> bad = List.of(
                new TensorOpeningProof(p.proximityRow().slice(0, p.proximityRow().size() - 1), p.evalRows(), p.columns(), p.siblings()),
                new TensorOpeningProof(p.proximityRow(), p.evalRows().subList(0, 1), p.columns(), p.siblings()),
                new TensorOpeningProof(p.proximityRow(), p.evalRows(), p.columns().subList(1, p.columns().size()), p.siblings()),
                new TensorOpeningProof(p.proximityRow(), p.evalRows(), p.columns(), p.siblings().subList(1, p.siblings().size())),
                new TensorOpeningProof(p.evalRows().getFirst(), List.of(p.proximityRow(), p.evalRows().get(1)), p.columns(), p.siblings()));
        for (TensorOpeningProof b : bad) {
            assertThrows(VerificationException.class, () -> verify(c, b));
        }
        // Invalid claims are rejected, not crashed on.
        List<EvalClaim> outOfRange = List.of(new EvalClaim(5, c.claims().getFirst().point(), Ext2.ZERO));
        assertThrows(VerificationException.class, () -> PCS.verify(c.commitment(), c.numVars(), outOfRange, p, transcript()));
    }
}
