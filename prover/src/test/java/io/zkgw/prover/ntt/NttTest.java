package io.zkgw.prover.ntt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.field.Goldilocks;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NttTest {
    /** Naive O(n^2) evaluation of Σ c_i x^i at x = shift · ω^j. */
    static long[] naive(long[] c, long shift) {
        int n = c.length;
        long w = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n));
        long[] out = new long[n];
        long x = shift;
        for (int j = 0; j < n; j++) {
            long acc = 0;
            for (int i = n - 1; i >= 0; i--) {
                acc = Goldilocks.add(Goldilocks.mul(acc, x), c[i]);
            }
            out[j] = acc;
            x = Goldilocks.mul(x, w);
        }
        return out;
    }

    @Test
    void aLowDegreeTransformEqualsTheFullTransformOfTheZeroPaddedCoefficients() {
        SplittableRandom rng = new SplittableRandom(22);
        for (int logN = 0; logN <= 11; logN++) {
            for (int logK = 0; logK <= logN; logK++) {
                int from = rng.nextInt(3);
                long[] src = FieldVec.random(rng, from + (1 << logK) + 2);
                long[] padded = new long[1 << logN];
                System.arraycopy(src, from, padded, 0, 1 << logK);
                long[] coefficients = padded.clone();
                Ntt.of(logN).forward(padded);
                long[] out = new long[1 << logN];
                java.util.Arrays.fill(out, -1L); // whatever out held before is overwritten
                Ntt.of(logN).forwardOfLowDegree(src, from, logK, out);
                assertArrayEquals(padded, out, "logN " + logN + " logK " + logK);
                if (logN <= 6) {
                    assertArrayEquals(naive(coefficients, 1), out, "naive, logN " + logN + " logK " + logK);
                }
            }
        }
        // non-canonical coefficients (any u64) give the canonical transform of their residues
        long[] raw = {-1L, -2L, Goldilocks.P, Goldilocks.P + 5};
        long[] residues = {Goldilocks.reduce64(-1L), Goldilocks.reduce64(-2L), 0, 5, 0, 0, 0, 0};
        long[] out = new long[8];
        Ntt.of(3).forwardOfLowDegree(raw, 0, 2, out);
        Ntt.of(3).forward(residues);
        assertArrayEquals(residues, out);
        assertThrows(IllegalArgumentException.class, () -> Ntt.of(3).forwardOfLowDegree(raw, 1, 2, new long[8]));
        assertThrows(IllegalArgumentException.class, () -> Ntt.of(3).forwardOfLowDegree(raw, 0, 4, new long[8]));
        assertThrows(IllegalArgumentException.class, () -> Ntt.of(3).forwardOfLowDegree(raw, 0, 2, new long[4]));
    }

    @Test
    void forwardMatchesNaiveEvaluation() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int log = 0; log <= 10; log++) {
            long[] c = FieldVec.random(rng, 1 << log);
            long[] a = c.clone();
            Ntt.of(log).forward(a);
            assertArrayEquals(naive(c, 1), a, "log " + log);
            long[] b = c.clone();
            Ntt.of(log).cosetForward(b, 7);
            assertArrayEquals(naive(c, 7), b, "coset log " + log);
        }
    }

    @Test
    void inverseUndoesForward() {
        SplittableRandom rng = new SplittableRandom(22);
        for (int log : new int[] {0, 1, 2, 5, 12, 16}) {
            long[] c = FieldVec.random(rng, 1 << log);
            long[] a = c.clone();
            Ntt ntt = Ntt.of(log);
            ntt.forward(a);
            ntt.inverse(a);
            assertArrayEquals(c, a);
            ntt.cosetForward(a, 7);
            ntt.cosetInverse(a, 7);
            assertArrayEquals(c, a);
            // And the other way round: forward(inverse(x)) = x.
            ntt.inverse(a);
            ntt.forward(a);
            assertArrayEquals(c, a);
        }
    }

    @Test
    void lazyReductionSurvivesExtremeInputs() {
        // All entries p - 1 (or alternating 0 / p - 1) push intermediate sums towards 2^64.
        long p = Goldilocks.P;
        for (int log : new int[] {1, 2, 6, 9}) {
            int n = 1 << log;
            long[] all = new long[n];
            java.util.Arrays.fill(all, p - 1);
            long[] alt = new long[n];
            for (int i = 0; i < n; i += 2) {
                alt[i] = p - 1;
            }
            for (long[] c : new long[][] {all, alt}) {
                long[] a = c.clone();
                Ntt.of(log).forward(a);
                assertArrayEquals(naive(c, 1), a);
                Ntt.of(log).inverse(a);
                assertArrayEquals(c, a);
            }
        }
    }

    @Test
    void edgeInputsAndRows() {
        long p = Goldilocks.P;
        long[] c = {p - 1, p - 1, p - 1, p - 1, 0, 1, p - 1, 1L << 63};
        long[] a = c.clone();
        Ntt.of(3).forward(a);
        assertArrayEquals(naive(c, 1), a);
        long[][] rows = {c.clone(), c.clone(), new long[8]};
        Ntt.of(3).forwardRows(rows);
        assertArrayEquals(a, rows[0]);
        assertArrayEquals(a, rows[1]);
        assertArrayEquals(new long[8], rows[2]);
        Ntt.of(3).inverseRows(rows);
        assertArrayEquals(c, rows[1]);
        assertThrows(IllegalArgumentException.class, () -> Ntt.of(3).forward(new long[4]));
    }

    @Test
    void reedSolomonIsLowDegreeOnTheCoset() {
        SplittableRandom rng = new SplittableRandom(23);
        ReedSolomon rs = new ReedSolomon(5, 2);
        assertEquals(32, rs.messageLength());
        assertEquals(128, rs.blockLength());
        assertEquals(97, rs.distance());
        long[] msg = FieldVec.random(rng, 40);
        long[] cw = rs.encode(msg, 3);
        long[] padded = new long[128];
        System.arraycopy(msg, 3, padded, 0, 32);
        assertArrayEquals(naive(padded, Goldilocks.GENERATOR), cw);
        for (int j : new int[] {0, 1, 77, 127}) {
            long x = rs.point(j);
            long acc = 0;
            for (int i = 31; i >= 0; i--) {
                acc = Goldilocks.add(Goldilocks.mul(acc, x), msg[3 + i]);
            }
            assertEquals(acc, cw[j]);
        }
        // Linearity and distance: two different messages differ in at least n - k + 1 positions.
        long[] msg2 = msg.clone();
        msg2[10] = Goldilocks.add(msg2[10], 1);
        long[] cw2 = rs.encode(msg2, 3);
        int diff = 0;
        for (int j = 0; j < 128; j++) {
            if (cw[j] != cw2[j]) {
                diff++;
            }
        }
        assertEquals(128, diff, "a single-coefficient change of degree 7 vanishes nowhere on the coset");
    }
}
