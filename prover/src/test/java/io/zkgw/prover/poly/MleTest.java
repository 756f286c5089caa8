package io.zkgw.prover.poly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.field.Goldilocks;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MleTest {
    static ExtVector randomPoint(SplittableRandom rng, int n) {
        return ExtVector.of(FieldVec.random(rng, n), FieldVec.random(rng, n));
    }

    /** f(r) = Σ_x f(x) eq(r, x) with eq built coordinate by coordinate (independent of the table code). */
    static Ext2 naiveEval(long[] f, ExtVector r) {
        int n = r.size();
        Ext2 acc = Ext2.ZERO;
        for (int x = 0; x < f.length; x++) {
            Ext2 e = Ext2.ONE;
            for (int k = 0; k < n; k++) {
                int bit = (x >>> (n - 1 - k)) & 1; // big-endian: x_1 is the top bit
                e = e.mul(bit == 1 ? r.get(k) : Ext2.ONE.sub(r.get(k)));
            }
            acc = acc.add(e.mulBase(f[x]));
        }
        return acc;
    }

    @Test
    void evaluationAgreesWithNaiveAndOnTheHypercube() {
        SplittableRandom rng = new SplittableRandom(31);
        for (int n = 0; n <= 7; n++) {
            long[] f = FieldVec.random(rng, 1 << n);
            ExtVector r = randomPoint(rng, n);
            assertEquals(naiveEval(f, r), Mle.evaluate(f, r));
            long[][] eq = Mle.eqTable(r);
            assertEquals(naiveEval(f, r), Mle.innerProduct(f, eq[0], eq[1]));
            // On boolean points the table entry comes back.
            for (int x = 0; x < f.length; x++) {
                long[] bits = new long[n];
                for (int k = 0; k < n; k++) {
                    bits[k] = (x >>> (n - 1 - k)) & 1;
                }
                assertEquals(Ext2.ofBase(f[x]), Mle.evaluate(f, ExtVector.ofBase(bits)));
            }
        }
    }

    @Test
    void eqTableMatchesEqFunctionAndSumsToOne() {
        SplittableRandom rng = new SplittableRandom(32);
        int n = 6;
        ExtVector r = randomPoint(rng, n);
        long[][] t = Mle.eqTable(r);
        Ext2 sum = Ext2.ZERO;
        for (int x = 0; x < (1 << n); x++) {
            long[] bits = new long[n];
            for (int k = 0; k < n; k++) {
                bits[k] = (x >>> (n - 1 - k)) & 1;
            }
            assertEquals(Mle.eq(r, ExtVector.ofBase(bits)), new Ext2(t[0][x], t[1][x]));
            sum = sum.add(new Ext2(t[0][x], t[1][x]));
        }
        assertEquals(Ext2.ONE, sum);
        ExtVector s = randomPoint(rng, n);
        assertEquals(Mle.eq(r, s), Mle.eq(s, r));
    }

    @Test
    void foldingFixesTheFirstVariable() {
        SplittableRandom rng = new SplittableRandom(33);
        long[] f = FieldVec.random(rng, 64);
        ExtVector r = randomPoint(rng, 6);
        MleTable t = MleTable.ofBase(f);
        t.foldFirst(r.re(0), r.im(0));
        assertEquals(5, t.numVars());
        long[] re = java.util.Arrays.copyOf(t.re(), 32);
        long[] im = java.util.Arrays.copyOf(t.im(), 32);
        assertEquals(Mle.evaluate(f, r), Mle.evaluate(re, im, r.slice(1, 6)));
        // A base challenge keeps a base table.
        MleTable b = MleTable.ofBase(f);
        b.foldFirst(5, 0);
        assertEquals(true, b.isBase());
        assertEquals(Goldilocks.add(f[0], Goldilocks.mul(5, Goldilocks.sub(f[32], f[0]))), b.re(0));
        assertThrows(IllegalStateException.class, () -> MleTable.ofBase(new long[] {1}).foldFirst(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Mle.evaluate(f, r.slice(0, 5)));
        assertThrows(IllegalArgumentException.class, () -> MleTable.ofBase(new long[3]));
    }

    @Test
    void largeTablesUseTheParallelPathConsistently() {
        SplittableRandom rng = new SplittableRandom(34);
        long[] f = FieldVec.random(rng, 1 << 16);
        ExtVector r = randomPoint(rng, 16);
        long[][] eq = Mle.eqTable(r);
        assertEquals(Mle.evaluate(f, r), Mle.innerProduct(f, eq[0], eq[1]));
    }
}
