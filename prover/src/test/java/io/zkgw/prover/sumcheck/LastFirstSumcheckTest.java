package io.zkgw.prover.sumcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.poly.MleTable;
import io.zkgw.prover.sumcheck.SumOfProducts.Term;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Last-variable-first tables (inference version 8's witness claim reduction): a sumcheck over them must send exactly
 * what the ordinary sumcheck sends over the bit-reversed polynomials, touching only the live entries.
 */
class LastFirstSumcheckTest {
    /** A polynomial of 2^n entries, random on [0, live) and zero after. */
    private static long[] prefix(SplittableRandom rng, int n, int live) {
        long[] p = new long[1 << n];
        System.arraycopy(FieldVec.random(rng, live), 0, p, 0, live);
        return p;
    }

    private static long[] reversed(long[] p, int n) {
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            out[n == 0 ? i : Integer.reverse(i) >>> (32 - n)] = p[i];
        }
        return out;
    }

    private static int[] lives(SplittableRandom rng, int n) {
        int size = 1 << n;
        return new int[] {1, Math.max(1, size / 2 + 1), size - 1, size, 1 + rng.nextInt(size), 0};
    }

    @Test
    void entriesAndFoldsAreThoseOfTheReversedPolynomial() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int n : new int[] {1, 3, 6}) {
            for (int live : lives(rng, n)) {
                long[] p = prefix(rng, n, live);
                MleTable last = MleTable.lastFirstOfBase(p, n, live);
                MleTable ordinary = MleTable.ofBase(reversed(p, n));
                for (int round = 0; round <= n; round++) {
                    for (int i = 0; i < 1 << (n - round); i++) {
                        assertEquals(ordinary.re(i), last.re(i), "n=" + n + " live=" + live + " round " + round + " entry " + i);
                        assertEquals(ordinary.im(i), last.im(i), "n=" + n + " live=" + live + " round " + round + " entry " + i);
                    }
                    if (round < n) {
                        long r0 = FieldVec.randomElement(rng);
                        long r1 = FieldVec.randomElement(rng);
                        last.foldFirst(r0, r1);
                        ordinary.foldFirst(r0, r1);
                        assertEquals((live + (1 << (round + 1)) - 1) >>> (round + 1), last.live(), "live entries after a fold");
                    }
                }
                assertEquals(ordinary.value(), last.value());
            }
        }
    }

    private static SumcheckProver.Instance product(Ext2 coef, MleTable g, MleTable p) {
        SumOfProducts form = SumOfProducts.of(2, Term.of(coef, 0, 1));
        return new SumcheckProver.Instance(form, List.of(g, p), SumcheckProver.sum(form, List.of(g, p)));
    }

    @Test
    void theSumcheckSendsWhatTheOrdinaryOneSendsForTheReversedPolynomials() throws VerificationException {
        SplittableRandom rng = new SplittableRandom(11);
        // n = 15 spans several parallel chunks of the round values and of the folds
        for (int n : new int[] {1, 2, 5, 9, 15}) {
            for (int live : lives(rng, n)) {
                long[] gRe = prefix(rng, n, live);
                long[] gIm = prefix(new SplittableRandom(live + 31L * n), n, live);
                long[] p = prefix(rng, n, live);
                Ext2 coef = new Ext2(FieldVec.randomElement(rng), FieldVec.randomElement(rng));
                SumcheckProver.Instance last = product(coef, MleTable.lastFirstOfExt(gRe, gIm, n, live), MleTable.lastFirstOfBase(p, n, live));
                SumcheckProver.Instance ordinary = product(coef, MleTable.ofExt(reversed(gRe, n), reversed(gIm, n)), MleTable.ofBase(reversed(p, n)));
                assertEquals(ordinary.claim(), last.claim(), "the sum over the live entries");
                SumcheckProver.Output a = SumcheckProver.prove(List.of(last), SumcheckTest.transcript());
                SumcheckProver.Output b = SumcheckProver.prove(List.of(ordinary), SumcheckTest.transcript());
                assertEquals(b.proof(), a.proof(), "n=" + n + " live=" + live);
                assertEquals(b.point(), a.point());
                SumcheckVerifier.Result res = SumcheckVerifier.verify(List.of(last.toClaim()), a.proof(), SumcheckTest.transcript());
                // it ends at P(rev r): the big-endian polynomial at the reversed point
                ExtVector rev = res.point().reversed();
                assertEquals(Mle.evaluate(p, rev), a.finalEvals().getFirst().get(1));
            }
        }
    }

    @Test
    void theMaskedSumcheckSendsWhatItSendsForTheReversedPolynomials() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int n : new int[] {1, 4, 14}) {
            int live = (1 << (n - 1)) + 1 + rng.nextInt(1 << (n - 1));
            long[] gRe = prefix(rng, n, live);
            long[] gIm = prefix(rng, n, live);
            long[] p = prefix(rng, n, live);
            Ext2[] mask = new Ext2[MaskedSumcheck.maskCoefficients(n, 2)];
            for (int j = 0; j < mask.length; j++) {
                mask[j] = new Ext2(FieldVec.randomElement(rng), FieldVec.randomElement(rng));
            }
            SumcheckProver.Instance last = product(Ext2.ONE, MleTable.lastFirstOfExt(gRe, gIm, n, live), MleTable.lastFirstOfBase(p, n, live));
            SumcheckProver.Instance ordinary = product(Ext2.ONE, MleTable.ofExt(reversed(gRe, n), reversed(gIm, n)), MleTable.ofBase(reversed(p, n)));
            MaskedSumcheck.Result a = MaskedSumcheckProver.prove(List.of(new MaskedSumcheckProver.Instance(last, last.claim(), null)), mask, 2,
                    SumcheckTest.transcript());
            MaskedSumcheck.Result b = MaskedSumcheckProver.prove(List.of(new MaskedSumcheckProver.Instance(ordinary, ordinary.claim(), null)), mask, 2,
                    SumcheckTest.transcript());
            assertEquals(b.rounds(), a.rounds(), "n=" + n);
            assertEquals(b.finals(), a.finals());
            assertEquals(b.point(), a.point());
        }
    }

    @Test
    void aTailThatIsNotZeroIsNotTakenIn() {
        // the factories copy the live entries only: whatever lies past them is zero by definition
        SplittableRandom rng = new SplittableRandom(17);
        long[] p = FieldVec.random(rng, 16);
        MleTable last = MleTable.lastFirstOfBase(p, 4, 9);
        long[] zeroTail = p.clone();
        java.util.Arrays.fill(zeroTail, 9, 16, 0);
        MleTable ordinary = MleTable.ofBase(reversed(zeroTail, 4));
        for (int i = 0; i < 16; i++) {
            assertEquals(ordinary.re(i), last.re(i));
        }
        // entry 9 of P (not live) is entry rev(9) = 9 of the table
        assertNotEquals(0, p[9]);
        assertEquals(0, last.re(9));
    }

    @Test
    void otherFormsMixedTablesAndBadLengthsAreRefused() {
        SplittableRandom rng = new SplittableRandom(19);
        long[] p = prefix(rng, 4, 10);
        SumOfProducts cube = SumOfProducts.of(2, Term.of(Ext2.ONE, 0, 1, 1));
        List<MleTable> two = List.of(MleTable.lastFirstOfBase(p, 4, 10), MleTable.lastFirstOfBase(p, 4, 10));
        assertThrows(IllegalArgumentException.class, () -> SumcheckProver.prove(List.of(new SumcheckProver.Instance(cube, two, Ext2.ZERO)),
                SumcheckTest.transcript()));
        SumOfProducts prod = SumOfProducts.of(2, Term.of(Ext2.ONE, 0, 1));
        List<MleTable> mixed = List.of(MleTable.lastFirstOfBase(p, 4, 10), MleTable.ofBase(p));
        assertThrows(IllegalArgumentException.class, () -> SumcheckProver.prove(List.of(new SumcheckProver.Instance(prod, mixed, Ext2.ZERO)),
                SumcheckTest.transcript()));
        assertThrows(IllegalArgumentException.class, () -> MleTable.lastFirstOfBase(p, 4, 17));
        assertThrows(IllegalArgumentException.class, () -> MleTable.lastFirstOfBase(p, 4, -1));
        assertThrows(IllegalArgumentException.class, () -> MleTable.lastFirstOfBase(new long[3], 4, 4));
    }
}
