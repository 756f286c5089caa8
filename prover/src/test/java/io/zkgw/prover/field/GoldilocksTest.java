package io.zkgw.prover.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GoldilocksTest {
    static final BigInteger P = Goldilocks.MODULUS;
    static final long p = Goldilocks.P;

    /** Values where carries, borrows and the 2^32 / 2^63 / 2^64 boundaries bite. */
    static List<Long> edgeValues() {
        List<Long> v = new ArrayList<>(List.of(0L, 1L, 2L, 3L, 7L, p - 1, p - 2, p - 3, 1L << 32, (1L << 32) - 1,
                (1L << 32) + 1, 1L << 63, (1L << 63) - 1, (1L << 63) + 1, p - (1L << 32), 0xFFFF_FFFFL * 0xFFFF_FFFFL % 1,
                0x7FFF_FFFF_FFFF_FFFFL, 0xFFFF_FFFE_FFFF_FFFFL, 0xFFFF_FFFF_0000_0000L, 0x1_0000_0000L * 3));
        v.removeIf(x -> !Goldilocks.isCanonical(x));
        return v;
    }

    static List<Long> testValues() {
        List<Long> v = edgeValues();
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 120; i++) {
            v.add(FieldVec.randomElement(rng));
        }
        // Values with few high or low bits set.
        for (int i = 0; i < 64; i++) {
            long x = 1L << i;
            if (Goldilocks.isCanonical(x)) {
                v.add(x);
            }
            if (Goldilocks.isCanonical(x - 1)) {
                v.add(x - 1);
            }
        }
        return v;
    }

    static BigInteger big(long a) {
        return Goldilocks.toBigInteger(a);
    }

    @Test
    void modulusIsTheGoldilocksPrime() {
        assertEquals(BigInteger.TWO.pow(64).subtract(BigInteger.TWO.pow(32)).add(BigInteger.ONE), P);
        assertTrue(P.isProbablePrime(64));
        assertEquals(P, big(Goldilocks.P));
    }

    @Test
    void addSubMulNegAgreeWithBigInteger() {
        List<Long> vals = testValues();
        for (long a : vals) {
            assertEquals(big(a).negate().mod(P), big(Goldilocks.neg(a)), "neg " + a);
            for (long b : vals) {
                assertEquals(big(a).add(big(b)).mod(P), big(Goldilocks.add(a, b)), "add");
                assertEquals(big(a).subtract(big(b)).mod(P), big(Goldilocks.sub(a, b)), "sub");
                assertEquals(big(a).multiply(big(b)).mod(P), big(Goldilocks.mul(a, b)), "mul " + a + " " + b);
            }
        }
    }

    @Test
    void reduce128CoversTheFull128BitRange() {
        SplittableRandom rng = new SplittableRandom(2);
        long[] specials = {0, 1, -1, p, p - 1, 1L << 63, 0xFFFF_FFFFL, 0xFFFF_FFFF_0000_0000L};
        List<long[]> pairs = new ArrayList<>();
        for (long lo : specials) {
            for (long hi : specials) {
                pairs.add(new long[] {lo, hi});
            }
        }
        for (int i = 0; i < 5000; i++) {
            pairs.add(new long[] {rng.nextLong(), rng.nextLong()});
        }
        for (long[] pr : pairs) {
            BigInteger v = new BigInteger(Long.toUnsignedString(pr[1])).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(pr[0])));
            long r = Goldilocks.reduce128(pr[0], pr[1]);
            assertTrue(Goldilocks.isCanonical(r));
            assertEquals(v.mod(P), big(r));
        }
    }

    @Test
    void reduce64IsCanonical() {
        for (long v : new long[] {p, p + 1, -1L, -2L, p - 1, 0}) {
            assertEquals(big(v).mod(P), big(Goldilocks.reduce64(v)));
        }
    }

    @Test
    void inversePowAndFermat() {
        for (long a : testValues()) {
            if (a == 0) {
                continue;
            }
            long inv = Goldilocks.inv(a);
            assertEquals(1, Goldilocks.mul(a, inv));
            assertEquals(big(a).modInverse(P), big(inv));
            assertEquals(1, Goldilocks.pow(a, p - 1));
        }
        assertThrows(ArithmeticException.class, () -> Goldilocks.inv(0));
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            long a = FieldVec.randomElement(rng);
            long e = rng.nextLong();
            assertEquals(big(a).modPow(new BigInteger(Long.toUnsignedString(e)), P), big(Goldilocks.pow(a, e)));
        }
        assertEquals(1, Goldilocks.pow(0, 0));
        assertEquals(0, Goldilocks.pow(0, 5));
    }

    @Test
    void sevenIsAQuadraticNonResidueAndGenerator() {
        // Euler's criterion: 7^((p-1)/2) = -1.
        assertEquals(p - 1, Goldilocks.pow(7, (p - 1) >>> 1));
        // Generator: 7^((p-1)/q) != 1 for every prime q | p - 1 = 2^32 · 3 · 5 · 17 · 257 · 65537.
        for (long q : new long[] {2, 3, 5, 17, 257, 65537}) {
            assertTrue(Long.remainderUnsigned(p - 1, q) == 0);
            assertFalse(Goldilocks.pow(7, Long.divideUnsigned(p - 1, q)) == 1, "q=" + q);
        }
        assertEquals(BigInteger.valueOf(2).pow(32).multiply(BigInteger.valueOf(3 * 5 * 17 * 257L * 65537L)), P.subtract(BigInteger.ONE));
    }

    @Test
    void rootsOfUnityHaveExactOrder() {
        for (int k = 0; k <= 32; k++) {
            long w = Goldilocks.rootOfUnity(k);
            long x = w;
            for (int i = 0; i < k; i++) {
                x = Goldilocks.square(x);
            }
            assertEquals(1, x, "w^(2^k) = 1");
            if (k > 0) {
                assertEquals(p - 1, Goldilocks.pow(w, 1L << (k - 1)), "w^(2^(k-1)) = -1");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Goldilocks.rootOfUnity(33));
    }

    @Test
    void signedEmbedding() {
        assertEquals(0, Goldilocks.fromSigned(0));
        assertEquals(5, Goldilocks.fromSigned(5));
        assertEquals(p - 5, Goldilocks.fromSigned(-5));
        assertEquals(p - 1, Goldilocks.fromSigned(-1));
        assertEquals(BigInteger.valueOf(Long.MIN_VALUE).mod(P), big(Goldilocks.fromSigned(Long.MIN_VALUE)));
        assertEquals(BigInteger.valueOf(Long.MAX_VALUE).mod(P), big(Goldilocks.fromSigned(Long.MAX_VALUE)));
        for (long v : new long[] {-128, 127, -1, 1, -(1L << 40), 1L << 40, 0}) {
            assertEquals(v, Goldilocks.toSigned(Goldilocks.fromSigned(v)));
        }
        // Sums of signed values behave like integer sums.
        long acc = 0;
        long expect = 0;
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 1000; i++) {
            long w = rng.nextInt(-128, 128);
            long x = rng.nextInt(-128, 128);
            acc = Goldilocks.add(acc, Goldilocks.mul(Goldilocks.fromSigned(w), Goldilocks.fromSigned(x)));
            expect += w * x;
        }
        assertEquals(expect, Goldilocks.toSigned(acc));
    }

    @Test
    void vectorHelpers() {
        SplittableRandom rng = new SplittableRandom(5);
        long[] a = FieldVec.random(rng, 257);
        long[] b = FieldVec.random(rng, 257);
        long[] out = new long[257];
        FieldVec.add(a, b, out);
        assertEquals(big(a[7]).add(big(b[7])).mod(P), big(out[7]));
        FieldVec.sub(a, b, out);
        assertEquals(big(a[9]).subtract(big(b[9])).mod(P), big(out[9]));
        long[] sc = a.clone();
        FieldVec.scale(sc, b[0]);
        assertEquals(big(a[3]).multiply(big(b[0])).mod(P), big(sc[3]));
        assertEquals(FieldVec.innerProduct(a, new long[257]), 0);
        FieldVec.mul(a, b, out);
        BigInteger ip = BigInteger.ZERO;
        for (int i = 0; i < a.length; i++) {
            assertEquals(big(a[i]).multiply(big(b[i])).mod(P), big(out[i]));
            ip = ip.add(big(a[i]).multiply(big(b[i])));
        }
        assertEquals(ip.mod(P), big(FieldVec.innerProduct(a, b)));
        long[] inv = FieldVec.batchInverse(a);
        for (int i = 0; i < a.length; i++) {
            assertEquals(1, Goldilocks.mul(a[i], inv[i]));
        }
        assertThrows(ArithmeticException.class, () -> FieldVec.batchInverse(new long[] {1, 0, 2}));
        assertTrue(FieldVec.allCanonical(a));
        assertFalse(FieldVec.allCanonical(new long[] {1, p}));
        assertEquals(List.of(p - 3L, 4L), java.util.Arrays.stream(FieldVec.fromSigned(new int[] {-3, 4})).boxed().toList());
    }

    /** Sums of many products accumulated as 192-bit integers (the tensor PCS's row combination), reduced once. */
    @Test
    void reduce192MatchesBigIntegerForLongSumsOfProducts() {
        SplittableRandom rnd = new SplittableRandom(192);
        for (int trial = 0; trial < 300; trial++) {
            int n = trial < 100 ? 1 + rnd.nextInt(8) : 1 + rnd.nextInt(5000);
            long lo = 0;
            long hi = 0;
            long top = 0;
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                // near the top of the field half the time: the 128- and 192-bit carries happen
                long a = trial % 2 == 0 ? p - 1 - rnd.nextLong(1 << 20) : Goldilocks.reduce64(rnd.nextLong());
                long b = trial % 3 == 0 ? p - 1 : Goldilocks.reduce64(rnd.nextLong());
                long pl = a * b;
                long ph = Math.unsignedMultiplyHigh(a, b) + (Long.compareUnsigned(lo + pl, pl) < 0 ? 1 : 0);
                lo += pl;
                hi += ph;
                top += Long.compareUnsigned(hi, ph) < 0 ? 1 : 0;
                sum = sum.add(u(a).multiply(u(b)));
            }
            BigInteger acc = u(top).shiftLeft(128).add(u(hi).shiftLeft(64)).add(u(lo));
            assertEquals(sum, acc, "the accumulator holds the exact sum");
            assertEquals(sum.mod(P).longValue(), Goldilocks.reduce192(lo, hi, top), "trial " + trial + ", " + n + " products");
        }
        assertEquals(0, Goldilocks.reduce192(0, 0, 0));
        // (p − 1)^2 · 5000: top ≈ 5000, the largest tops the prover produces are the row counts of a commitment
        assertEquals(u(p - 1).pow(2).multiply(BigInteger.valueOf(5000)).mod(P).longValue(),
                Goldilocks.reduce192(u(p - 1).pow(2).multiply(BigInteger.valueOf(5000)).longValue(),
                        u(p - 1).pow(2).multiply(BigInteger.valueOf(5000)).shiftRight(64).longValue(),
                        u(p - 1).pow(2).multiply(BigInteger.valueOf(5000)).shiftRight(128).longValue()));
    }

    /** The one-reduction dot product against BigInteger, with offsets, near-p entries and lengths up to 5,000. */
    @Test
    void dotMatchesBigInteger() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = trial < 100 ? rnd.nextInt(9) : 1 + rnd.nextInt(5000);
            int off = rnd.nextInt(4);
            long[] a = new long[off + n];
            long[] b = new long[n];
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                a[off + i] = trial % 2 == 0 ? p - 1 - rnd.nextLong(1 << 20) : Goldilocks.reduce64(rnd.nextLong());
                b[i] = trial % 3 == 0 ? p - 1 : Goldilocks.reduce64(rnd.nextLong());
                sum = sum.add(u(a[off + i]).multiply(u(b[i])));
            }
            long expected = sum.mod(P).longValue();
            assertEquals(expected, Goldilocks.dot(a, off, b, n), "trial " + trial + ", " + n + " products");
            long slow = 0;
            for (int i = 0; i < n; i++) {
                slow = Goldilocks.add(slow, Goldilocks.mul(a[off + i], b[i]));
            }
            assertEquals(slow, Goldilocks.dot(a, off, b, n), "the reduce-per-product sum, trial " + trial);
        }
    }

    private static BigInteger u(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }
}
