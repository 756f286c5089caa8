package io.zkgw.prover.ntt;

import io.zkgw.prover.field.Goldilocks;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Radix-2 number-theoretic transform over Goldilocks, for sizes 2^0 .. 2^32 (the field's 2-adicity).
 *
 * <p>{@link #forward} maps coefficients c_0..c_{n-1} (natural order) to evaluations at ω^0..ω^{n-1}
 * (natural order), ω = {@link Goldilocks#rootOfUnity}(log n). It bit-reverses the input, then runs
 * Cooley–Tukey butterflies with per-stage twiddle tables laid out contiguously (stage with half-size m
 * reads ω_{2m}^0..ω_{2m}^{m-1} at offset m), so the inner loop streams through memory.
 *
 * <p>Twiddles are computed once per size and cached; instances are immutable and thread-safe.
 */
public final class Ntt {
    private static final ConcurrentHashMap<Integer, Ntt> CACHE = new ConcurrentHashMap<>();

    private final int logN;
    private final int n;
    /** twiddles[m + j] = ω_{2m}^j for m = 1, 2, 4, .., n/2 and j < m. */
    private final long[] twiddles;
    private final long nInv;

    private Ntt(int logN) {
        this.logN = logN;
        this.n = 1 << logN;
        this.twiddles = new long[Math.max(n, 1)];
        for (int m = 1; m < n; m <<= 1) {
            long w = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(m) + 1);
            long x = 1;
            for (int j = 0; j < m; j++) {
                twiddles[m + j] = x;
                x = Goldilocks.mul(x, w);
            }
        }
        this.nInv = Goldilocks.inv(Goldilocks.fromLong(n));
    }

    /** The transform for size 2^logN (logN in [0, 30]: Java arrays stop at 2^31 - 1). */
    public static Ntt of(int logN) {
        if (logN < 0 || logN > 30) {
            throw new IllegalArgumentException("NTT size 2^" + logN + " unsupported");
        }
        return CACHE.computeIfAbsent(logN, Ntt::new);
    }

    public int logSize() {
        return logN;
    }

    public int size() {
        return n;
    }

    /** In place: coefficients → evaluations on the subgroup of order n. */
    public void forward(long[] a) {
        checkLength(a);
        bitReverse(a, logN);
        butterflies(a, 1);
    }

    /**
     * {@link #forward} of a polynomial of degree &lt; 2^logK, given as its 2^logK coefficients, into out (length n).
     * In the bit-reversed order the coefficients land at the multiples of 2^(logN − logK) with zeros between them,
     * and the first logN − logK stages of butterflies (u + w·0, u − w·0) only copy each of them over its block of
     * 2^(logN − logK): that copy replaces the bit reversal and those stages (a Reed–Solomon encoding at rate 1/2^r
     * skips r of its logN stages). Coefficients need not be canonical: out is.
     */
    public void forwardOfLowDegree(long[] coefficients, int from, int logK, long[] out) {
        forwardOfLowDegree(coefficients, from, logK, null, out);
    }

    /**
     * {@link #forwardOfLowDegree(long[], int, int, long[])} of the coefficients c_i·scale[i] (scale null: c_i), the
     * product taken as each coefficient is copied (a coset encoding's shift powers, {@link ReedSolomon}).
     */
    void forwardOfLowDegree(long[] coefficients, int from, int logK, long[] scale, long[] out) {
        checkLength(out);
        if (logK < 0 || logK > logN || from < 0 || from + (1L << logK) > coefficients.length) {
            throw new IllegalArgumentException("NTT of size " + n + ": 2^" + logK + " coefficients from " + from + " of " + coefficients.length);
        }
        int r = logN - logK;
        int block = 1 << r;
        int k = 1 << logK;
        int shift = 32 - logK;
        if (scale != null && scale.length < k) {
            throw new IllegalArgumentException("NTT of size " + n + ": " + scale.length + " scale factors for 2^" + logK + " coefficients");
        }
        for (int q = 0; q < k; q++) {
            int i = logK == 0 ? 0 : Integer.reverse(q) >>> shift;
            long v = scale == null ? coefficients[from + i] : Goldilocks.mul(coefficients[from + i], scale[i]);
            java.util.Arrays.fill(out, q << r, (q << r) + block, v);
        }
        butterflies(out, block);
    }

    /** In place: evaluations on the subgroup → coefficients. Uses INTT(x) = n^-1 · reverse(NTT(x)). */
    public void inverse(long[] a) {
        checkLength(a);
        forward(a);
        // Evaluating at ω^-j = ω^(n-j): swap entries j and n-j for 0 < j < n/2.
        for (int j = 1, k = n - 1; j < k; j++, k--) {
            long t = a[j];
            a[j] = a[k];
            a[k] = t;
        }
        for (int i = 0; i < n; i++) {
            a[i] = Goldilocks.mul(a[i], nInv);
        }
    }

    /** In place: coefficients → evaluations on the coset shift·⟨ω⟩ (scale c_i by shift^i, then NTT). */
    public void cosetForward(long[] a, long shift) {
        checkLength(a);
        scaleByPowers(a, shift);
        forward(a);
    }

    /** In place: evaluations on the coset shift·⟨ω⟩ → coefficients. */
    public void cosetInverse(long[] a, long shift) {
        inverse(a);
        scaleByPowers(a, Goldilocks.inv(shift));
    }

    /** Applies {@link #forward} to every row, rows spread over the common fork-join pool. */
    public void forwardRows(long[][] rows) {
        IntStream.range(0, rows.length).parallel().forEach(r -> forward(rows[r]));
    }

    /** Applies {@link #inverse} to every row in parallel. */
    public void inverseRows(long[][] rows) {
        IntStream.range(0, rows.length).parallel().forEach(r -> inverse(rows[r]));
    }

    /**
     * Butterflies with lazy reduction: between stages entries are any u64 congruent to the right value
     * (not necessarily below p). That is safe because the product in the next stage accepts any u64 and
     * returns a canonical v, and u + v, u - v with v &lt; p need one correction each (see
     * {@link #addLazy}); one canonicalising pass at the end restores the invariant.
     */
    private void butterflies(long[] a, int firstM) {
        if (firstM == 1 && n > 1) {
            // Stage m = 1: every twiddle is 1, no multiplication.
            for (int i = 0; i < n; i += 2) {
                long u = a[i];
                long v = a[i + 1];
                a[i] = addLazy(u, v);
                a[i + 1] = Goldilocks.sub(u, v);
            }
        }
        for (int m = Math.max(2, firstM); m < n; m <<= 1) {
            int step = m << 1;
            for (int start = 0; start < n; start += step) {
                for (int j = 0; j < m; j++) {
                    int i0 = start + j;
                    int i1 = i0 + m;
                    long u = a[i0];
                    long v = Goldilocks.mul(a[i1], twiddles[m + j]);
                    a[i0] = addLazy(u, v);
                    a[i1] = Goldilocks.sub(u, v);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            a[i] = Goldilocks.reduce64(a[i]);
        }
    }

    /**
     * u + v mod p for any u and canonical v, result in [0, 2^64) but not necessarily below p. A carry is
     * worth 2^64 = EPSILON mod p; adding it back cannot carry again because u + v - 2^64 &lt; v &lt; p.
     * ({@link Goldilocks#sub} already accepts any u when v is canonical.)
     */
    private static long addLazy(long u, long v) {
        long s = u + v;
        return s + (0xFFFF_FFFFL & (((u & v) | ((u | v) & ~s)) >> 63));
    }

    private static void scaleByPowers(long[] a, long shift) {
        long x = 1;
        for (int i = 0; i < a.length; i++) {
            a[i] = Goldilocks.mul(a[i], x);
            x = Goldilocks.mul(x, shift);
        }
    }

    private void checkLength(long[] a) {
        if (a.length != n) {
            throw new IllegalArgumentException("NTT of size " + n + " got an array of length " + a.length);
        }
    }

    /** Permutes a in place so that a'[i] = a[bitrev(i)] over logN bits. */
    public static void bitReverse(long[] a, int logN) {
        if (logN == 0) {
            return;
        }
        int shift = 32 - logN;
        for (int i = 0; i < a.length; i++) {
            int j = Integer.reverse(i) >>> shift;
            if (i < j) {
                long t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }
    }
}
