package io.zkgw.prover.sumcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.sumcheck.SumOfProducts.Term;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SumcheckTest {
    static Transcript transcript() {
        return Transcript.create("zkgw-sumcheck-test", 1);
    }

    /** A random instance: m polys over n variables, form chosen by degree. */
    static final class Fixture {
        final SumOfProducts form;
        final List<long[]> polys;
        final int n;

        Fixture(SumOfProducts form, List<long[]> polys, int n) {
            this.form = form;
            this.polys = polys;
            this.n = n;
        }

        SumcheckProver.Instance instance() {
            return SumcheckProver.Instance.ofBase(form, polys);
        }

        SumcheckClaim claim() {
            return instance().toClaim();
        }
    }

    static Fixture fixture(SplittableRandom rng, int n, int degree) {
        List<long[]> polys = new ArrayList<>();
        SumOfProducts form;
        Ext2 c = new Ext2(FieldVec.randomElement(rng), FieldVec.randomElement(rng));
        switch (degree) {
            case 1 -> form = SumOfProducts.of(2, Term.of(Ext2.ONE, 0), Term.of(c, 1));
            case 2 -> form = SumOfProducts.of(3, Term.of(Ext2.ONE, 0, 1), Term.of(c, 2), Term.of(Ext2.ofBase(5), 2, 2));
            case 3 -> form = SumOfProducts.of(3, Term.of(Ext2.ONE, 0, 1, 2), Term.of(c, 0, 0), Term.of(Ext2.ofBase(9)));
            default -> throw new IllegalArgumentException();
        }
        for (int k = 0; k < form.numPolys(); k++) {
            polys.add(FieldVec.random(rng, 1 << n));
        }
        return new Fixture(form, polys, n);
    }

    static SumcheckProver.Output prove(List<Fixture> fs) {
        return SumcheckProver.prove(fs.stream().map(Fixture::instance).toList(), transcript());
    }

    static SumcheckVerifier.Result verify(List<SumcheckClaim> claims, SumcheckProof proof) throws VerificationException {
        return SumcheckVerifier.verify(claims, proof, transcript());
    }

    @Test
    void completenessForDegreesOneToThree() throws Exception {
        SplittableRandom rng = new SplittableRandom(41);
        for (int degree = 1; degree <= 3; degree++) {
            for (int n : new int[] {0, 1, 2, 5, 9}) {
                Fixture f = fixture(rng, n, degree);
                SumcheckProver.Output out = prove(List.of(f));
                SumcheckVerifier.Result res = verify(List.of(f.claim()), out.proof());
                assertEquals(out.point(), res.point());
                // The final evaluations are the true evaluations of the polynomials at the point.
                for (int k = 0; k < f.polys.size(); k++) {
                    assertEquals(Mle.evaluate(f.polys.get(k), res.point()), res.finalEvals().get(0).get(k));
                }
                // And the proof survives its own encoding.
                byte[] enc = out.proof().encode();
                assertEquals(out.proof(), SumcheckProof.decode(enc, List.of(f.claim())));
                assertEquals(1 + 16 * (n * Math.max(1, degree) + f.form.numPolys()), enc.length);
            }
        }
    }

    @Test
    void batchedInstancesOfDifferentSizesAndDegrees() throws Exception {
        SplittableRandom rng = new SplittableRandom(42);
        List<Fixture> fs = List.of(fixture(rng, 7, 2), fixture(rng, 4, 3), fixture(rng, 7, 1), fixture(rng, 0, 2));
        SumcheckProver.Output out = prove(fs);
        List<SumcheckClaim> claims = fs.stream().map(Fixture::claim).toList();
        SumcheckVerifier.Result res = verify(claims, out.proof());
        for (int i = 0; i < fs.size(); i++) {
            ExtVector pt = res.instancePoints().get(i);
            assertEquals(fs.get(i).n, pt.size());
            assertEquals(res.point().slice(7 - fs.get(i).n, 7), pt);
            for (int k = 0; k < fs.get(i).polys.size(); k++) {
                assertEquals(Mle.evaluate(fs.get(i).polys.get(k), pt), res.finalEvals().get(i).get(k));
            }
        }
        assertEquals(7, out.proof().rounds().size());
        assertEquals(3, out.proof().rounds().getFirst().size());
    }

    @Test
    void aLowDegreeInstanceInAHighDegreeBatchIsEvaluatedAtItsOwnDegree() throws Exception {
        // An instance of degree 2 in a degree-3 batch is evaluated at 0, 2 and extended to 3 by interpolation with
        // s(1) from its running claim; written with a zero cubic term it is evaluated at 0, 2, 3 directly. The
        // transcript does not absorb the form, so both proofs must be byte-identical (and both must verify).
        SplittableRandom rng = new SplittableRandom(53);
        for (int n : new int[] {1, 5, 13}) {
            List<long[]> ab = List.of(FieldVec.random(rng, 1 << n), FieldVec.random(rng, 1 << n));
            Fixture cubic = fixture(rng, n, 3);
            Fixture shorter = fixture(rng, Math.max(0, n - 2), 1);
            SumOfProducts two = SumOfProducts.of(2, Term.of(Ext2.ofBase(3), 0, 1));
            SumOfProducts three = SumOfProducts.of(2, Term.of(Ext2.ofBase(3), 0, 1), Term.of(Ext2.ZERO, 0, 0, 1));
            SumcheckProver.Instance own = SumcheckProver.Instance.ofBase(two, ab);
            SumcheckProver.Instance batchDegree = SumcheckProver.Instance.ofBase(three, ab);
            SumcheckProver.Output a = SumcheckProver.prove(List.of(own, cubic.instance(), shorter.instance()), transcript());
            SumcheckProver.Output b = SumcheckProver.prove(List.of(batchDegree, cubic.instance(), shorter.instance()), transcript());
            assertArrayEquals(b.proof().encode(), a.proof().encode(), "n=" + n);
            verify(List.of(own.toClaim(), cubic.claim(), shorter.claim()), a.proof());
        }
    }

    @Test
    void theCheckingProverNamesEveryFalseClaimAndPassesTrueOnes() {
        // the prover's self-check: each instance's running claim against its form at its final values, in the plain
        // and in the masked prover; every false claim (200 random ones, in each position of a mixed batch) is named
        SplittableRandom rng = new SplittableRandom(59);
        int caught = 0;
        for (int trial = 0; trial < 200; trial++) {
            List<Fixture> fs = List.of(fixture(rng, 6, 2), fixture(rng, 4, 3), fixture(rng, 0, 1), fixture(rng, 6, 1));
            int bad = trial % fs.size();
            Ext2 delta = new Ext2(1 + rng.nextLong(1L << 40), rng.nextLong(1L << 40));
            List<SumcheckProver.Instance> plain = new ArrayList<>();
            List<MaskedSumcheckProver.Instance> masked = new ArrayList<>();
            for (int i = 0; i < fs.size(); i++) {
                SumcheckProver.Instance honest = fs.get(i).instance();
                plain.add(i == bad ? honest.withClaim(honest.claim().add(delta)) : honest);
                SumcheckProver.Instance m = fs.get(i).n == 0 ? null : fs.get(i).instance();
                if (m != null) {
                    m = i == bad ? m.withClaim(m.claim().add(delta)) : m;
                    masked.add(new MaskedSumcheckProver.Instance(m, m.claim(), null));
                }
            }
            SumcheckProver.FalseClaim e = assertThrows(SumcheckProver.FalseClaim.class, () -> SumcheckProver.prove(plain, transcript(), true));
            assertEquals(bad, e.instance());
            if (fs.get(bad).n > 0) {
                Ext2[] g = new Ext2[MaskedSumcheck.maskCoefficients(6, 3)];
                java.util.Arrays.fill(g, Ext2.ofBase(7));
                int at = bad < 2 ? bad : bad - 1;
                SumcheckProver.FalseClaim m = assertThrows(SumcheckProver.FalseClaim.class,
                        () -> MaskedSumcheckProver.prove(masked, g, 3, transcript(), true));
                assertEquals(at, m.instance());
            }
            caught++;
        }
        assertEquals(200, caught);
        // true claims pass both checking provers
        List<Fixture> fs = List.of(fixture(rng, 6, 2), fixture(rng, 4, 3), fixture(rng, 6, 1));
        SumcheckProver.prove(fs.stream().map(Fixture::instance).toList(), transcript(), true);
        Ext2[] g = new Ext2[MaskedSumcheck.maskCoefficients(6, 3)];
        java.util.Arrays.fill(g, Ext2.ofBase(5));
        MaskedSumcheckProver.prove(fs.stream().map(f -> new MaskedSumcheckProver.Instance(f.instance(), f.instance().claim(), null)).toList(),
                g, 3, transcript(), true);
    }

    @Test
    void pairProductFastPathMatchesTheGenericKernel() throws Exception {
        // A·B goes through the specialised kernel; A·B + 0·A through the generic one. The transcript does
        // not absorb the form, so both proofs must be byte-identical (and both must verify).
        SplittableRandom rng = new SplittableRandom(47);
        for (int n : new int[] {1, 3, 14}) {
            List<long[]> polys = List.of(FieldVec.random(rng, 1 << n), FieldVec.random(rng, 1 << n));
            SumOfProducts pair = SumOfProducts.product(2);
            SumOfProducts generic = SumOfProducts.of(2, Term.of(Ext2.ONE, 0, 1), Term.of(Ext2.ZERO, 0));
            SumcheckProver.Instance fast = SumcheckProver.Instance.ofBase(pair, polys);
            SumcheckProver.Instance slow = SumcheckProver.Instance.ofBase(generic, polys);
            byte[] a = SumcheckProver.prove(List.of(fast), transcript()).proof().encode();
            byte[] b = SumcheckProver.prove(List.of(slow), transcript()).proof().encode();
            assertArrayEquals(b, a);
            verify(List.of(new SumcheckClaim(n, pair, fast.claim())), SumcheckProof.decode(a, List.of(fast.toClaim())));
        }
    }

    @Test
    void wrongClaimedSumIsRejected() {
        SplittableRandom rng = new SplittableRandom(43);
        for (int degree = 1; degree <= 3; degree++) {
            Fixture f = fixture(rng, 6, degree);
            SumcheckClaim honest = f.claim();
            SumcheckClaim wrong = new SumcheckClaim(honest.numVars(), honest.form(), honest.claim().add(Ext2.ONE));
            // Honest proof checked against a wrong claim.
            SumcheckProof proof = prove(List.of(f)).proof();
            assertThrows(VerificationException.class, () -> verify(List.of(wrong), proof));
            // A prover that runs on the wrong claim (its round polynomials are honest for the tables).
            SumcheckProof lying = SumcheckProver.prove(List.of(f.instance().withClaim(wrong.claim())), transcript()).proof();
            assertThrows(VerificationException.class, () -> verify(List.of(wrong), lying));
        }
        // In a batch, one wrong claim among honest ones is caught.
        List<Fixture> fs = List.of(fixture(rng, 5, 2), fixture(rng, 5, 2));
        List<SumcheckProver.Instance> insts = new ArrayList<>(fs.stream().map(Fixture::instance).toList());
        insts.set(1, insts.get(1).withClaim(insts.get(1).claim().add(Ext2.ONE)));
        List<SumcheckClaim> claims = insts.stream().map(SumcheckProver.Instance::toClaim).toList();
        SumcheckProof proof = SumcheckProver.prove(insts, transcript()).proof();
        assertThrows(VerificationException.class, () -> verify(claims, proof));
    }

    @Test
    void tamperedReorderedOrDuplicatedMessagesAreRejected() throws Exception {
        SplittableRandom rng = new SplittableRandom(44);
        Fixture f = fixture(rng, 6, 3);
        List<SumcheckClaim> claims = List.of(f.claim());
        SumcheckProof proof = prove(List.of(f)).proof();
        verify(claims, proof);

        List<SumcheckProof> bad = new ArrayList<>();
        for (int round = 0; round < proof.rounds().size(); round++) {
            for (int t = 0; t < proof.rounds().get(round).size(); t++) {
                bad.add(withRound(proof, round, bump(proof.rounds().get(round), t)));
            }
        }
        List<ExtVector> swapped = new ArrayList<>(proof.rounds());
        Collections.swap(swapped, 1, 2);
        bad.add(new SumcheckProof(swapped, proof.finalEvals()));
        List<ExtVector> reversed = new ArrayList<>(proof.rounds());
        Collections.reverse(reversed);
        bad.add(new SumcheckProof(reversed, proof.finalEvals()));
        List<ExtVector> dup = new ArrayList<>(proof.rounds());
        dup.set(3, dup.get(2));
        bad.add(new SumcheckProof(dup, proof.finalEvals()));
        List<ExtVector> dupExtra = new ArrayList<>(proof.rounds());
        dupExtra.add(dupExtra.getLast());
        bad.add(new SumcheckProof(dupExtra, proof.finalEvals()));
        List<ExtVector> dropped = new ArrayList<>(proof.rounds());
        dropped.removeLast();
        bad.add(new SumcheckProof(dropped, proof.finalEvals()));
        for (int k = 0; k < 3; k++) {
            bad.add(new SumcheckProof(proof.rounds(), List.of(bump(proof.finalEvals().getFirst(), k))));
        }
        for (SumcheckProof b : bad) {
            assertThrows(VerificationException.class, () -> verify(claims, b));
        }
        // Another transcript context (e.g. another model) rejects the same proof.
        assertThrows(VerificationException.class,
                () -> SumcheckVerifier.verify(claims, proof, Transcript.create("zkgw-sumcheck-test", 2)));
        Transcript primed = transcript();
        primed.absorbU64("model", 1);
        assertThrows(VerificationException.class, () -> SumcheckVerifier.verify(claims, proof, primed));
    }

    @Test
    void aProofForOneFormDoesNotVerifyAnother() throws Exception {
        SplittableRandom rng = new SplittableRandom(45);
        Fixture f = fixture(rng, 5, 2);
        SumcheckProof proof = prove(List.of(f)).proof();
        // Same claimed value, a different coefficient in the form.
        SumOfProducts other = SumOfProducts.of(3, Term.of(Ext2.ONE, 0, 1), Term.of(Ext2.ofBase(2), 2), Term.of(Ext2.ofBase(5), 2, 2));
        SumcheckClaim c = new SumcheckClaim(5, other, f.claim().claim());
        assertThrows(VerificationException.class, () -> verify(List.of(c), proof));
    }

    @Test
    void decodingIsStrict() throws Exception {
        SplittableRandom rng = new SplittableRandom(46);
        Fixture f = fixture(rng, 4, 2);
        List<SumcheckClaim> claims = List.of(f.claim());
        byte[] enc = prove(List.of(f)).proof().encode();
        assertArrayEquals(enc, SumcheckProof.decode(enc, claims).encode());
        assertThrows(DecodingException.class, () -> SumcheckProof.decode(java.util.Arrays.copyOf(enc, enc.length + 1), claims));
        assertThrows(DecodingException.class, () -> SumcheckProof.decode(java.util.Arrays.copyOf(enc, enc.length - 1), claims));
        byte[] v = enc.clone();
        v[0] = 2;
        DecodingException e = assertThrows(DecodingException.class, () -> SumcheckProof.decode(v, claims));
        assertEquals(true, e.getMessage().contains("version"));
        // Replace the first element by p itself: non-canonical.
        byte[] nc = enc.clone();
        long p = Goldilocks.P;
        for (int i = 0; i < 8; i++) {
            nc[1 + i] = (byte) (p >>> (8 * i));
        }
        e = assertThrows(DecodingException.class, () -> SumcheckProof.decode(nc, claims));
        assertEquals(true, e.getMessage().contains("non-canonical"), e.getMessage());
        // Every single-bit flip is rejected (decode or verify).
        int accepted = 0;
        for (int i = 0; i < enc.length; i++) {
            for (int b = 0; b < 8; b++) {
                byte[] m = enc.clone();
                m[i] ^= (byte) (1 << b);
                try {
                    verify(claims, SumcheckProof.decode(m, claims));
                    accepted++;
                } catch (VerificationException expected) {
                    // rejected
                }
            }
        }
        assertEquals(0, accepted);
    }

    static ExtVector bump(ExtVector v, int i) {
        long[] re = v.reCopy();
        re[i] = Goldilocks.add(re[i], 1);
        return ExtVector.of(re, v.imCopy());
    }

    static SumcheckProof withRound(SumcheckProof p, int round, ExtVector v) {
        List<ExtVector> r = new ArrayList<>(p.rounds());
        r.set(round, v);
        return new SumcheckProof(r, p.finalEvals());
    }
}
