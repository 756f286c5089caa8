package io.zkgw.prover.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Ext2 = F_p[X]/(X^2 - 7) checked against polynomial arithmetic over BigInteger. */
class Ext2Test {
    static final BigInteger P = Goldilocks.MODULUS;
    static final BigInteger SEVEN = BigInteger.valueOf(7);

    static BigInteger[] big(Ext2 a) {
        return new BigInteger[] {Goldilocks.toBigInteger(a.c0()), Goldilocks.toBigInteger(a.c1())};
    }

    static BigInteger[] bigMul(BigInteger[] a, BigInteger[] b) {
        return new BigInteger[] {a[0].multiply(b[0]).add(SEVEN.multiply(a[1]).multiply(b[1])).mod(P),
                a[0].multiply(b[1]).add(a[1].multiply(b[0])).mod(P)};
    }

    static List<Ext2> values() {
        List<Long> edges = GoldilocksTest.edgeValues();
        List<Ext2> out = new ArrayList<>();
        for (long a : edges) {
            for (long b : List.of(0L, 1L, Goldilocks.P - 1, 1L << 32, 1L << 63)) {
                out.add(new Ext2(a, b));
            }
        }
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 60; i++) {
            out.add(new Ext2(FieldVec.randomElement(rng), FieldVec.randomElement(rng)));
        }
        return out;
    }

    @Test
    void mulAddSubAgreeWithBigInteger() {
        List<Ext2> vals = values();
        long[] out = new long[2];
        for (Ext2 a : vals) {
            for (Ext2 b : vals) {
                BigInteger[] expect = bigMul(big(a), big(b));
                Ext2 got = a.mul(b);
                assertEquals(expect[0], big(got)[0]);
                assertEquals(expect[1], big(got)[1]);
                Ext2.mulInto(a.c0(), a.c1(), b.c0(), b.c1(), out, 0);
                assertEquals(got, new Ext2(out[0], out[1]));
                assertEquals(big(a)[0].add(big(b)[0]).mod(P), big(a.add(b))[0]);
                assertEquals(big(a)[1].subtract(big(b)[1]).mod(P), big(a.sub(b))[1]);
            }
        }
    }

    @Test
    void inverseAndPow() {
        for (Ext2 a : values()) {
            if (a.isZero()) {
                assertThrows(ArithmeticException.class, a::inv);
                continue;
            }
            assertEquals(Ext2.ONE, a.mul(a.inv()));
            // The multiplicative group has order p^2 - 1 = (p - 1)(p + 1): raise in two steps.
            assertEquals(Ext2.ONE, a.pow(Goldilocks.P - 1).pow(Goldilocks.P + 1));
        }
    }

    @Test
    void xSquaredIsSevenAndSevenHasNoSquareRootInTheBase() {
        Ext2 x = new Ext2(0, 1);
        assertEquals(Ext2.ofBase(7), x.mul(x));
        // Irreducibility of X^2 - 7: 7 is a non-residue mod p (Euler), checked with BigInteger too.
        assertEquals(P.subtract(BigInteger.ONE), SEVEN.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P));
        // Frobenius: a^p = conjugate(a) = c0 - c1 X, which only holds because X^p = -X, i.e. 7^((p-1)/2) = -1.
        Ext2 a = new Ext2(12345, 678910);
        assertEquals(new Ext2(12345, Goldilocks.neg(678910)), a.pow(Goldilocks.P));
    }

    @Test
    void rejectsNonCanonicalCoefficients() {
        assertThrows(IllegalArgumentException.class, () -> new Ext2(Goldilocks.P, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ext2(0, -1L));
    }

    @Test
    void vectorHelpersMatchScalarOps() {
        SplittableRandom rng = new SplittableRandom(12);
        int n = 33;
        long[] re = FieldVec.random(rng, n);
        long[] im = FieldVec.random(rng, n);
        long[] re2 = FieldVec.random(rng, n);
        long[] im2 = FieldVec.random(rng, n);
        Ext2 expect = Ext2.ZERO;
        for (int i = 0; i < n; i++) {
            expect = expect.add(new Ext2(re[i], im[i]).mul(new Ext2(re2[i], im2[i])));
        }
        long[] out = new long[2];
        ExtVec.innerProduct(re, im, re2, im2, n, out);
        assertEquals(expect, new Ext2(out[0], out[1]));
        Ext2 s = new Ext2(FieldVec.randomElement(rng), FieldVec.randomElement(rng));
        long[] sre = re.clone();
        long[] sim = im.clone();
        ExtVec.scale(sre, sim, s.c0(), s.c1());
        for (int i = 0; i < n; i++) {
            assertEquals(new Ext2(re[i], im[i]).mul(s), new Ext2(sre[i], sim[i]));
        }
    }
}
