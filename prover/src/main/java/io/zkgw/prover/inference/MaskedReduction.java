package io.zkgw.prover.inference;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import java.util.Arrays;
import java.util.List;

/**
 * The final claim reduction of the zero-knowledge format (inference version 7). Claims: every witness claim
 * T_j(z_j) = v_j + u_j(pool) and every pool claim ⟨f_k, pool⟩ = w_k, all linear functionals of the witness
 * polynomial P (the pool is its last segment). With α from the transcript they become Σ_x G(x)·P(x) = Σ_j α_j v_j
 * + Σ_k α_k' w_k with G = Σ_j α_j (eq((offset_j, z_j), ·) − u_j) + Σ_k α_k' f_k.
 *
 * <p>Masking (docs/proof-system.md §12): the sumcheck is the masked sumcheck of §5.2 with round degree 2, its Libra
 * polynomial g(x) = a_0 + Σ_i (c_{i,1} x_i + c_{i,2} x_i^2) (K-valued coefficients, two base entries each) committed
 * in a small hiding commitment of its own, the <b>final mask</b> C_g, made with the witness. Every round
 * coefficient of X and X^2 carries a fresh ρ_g·2^m·c, so the rounds are uniform subject to the sumcheck relations.
 * The final values G(σ) (the verifier's own) and P(σ) are sent; P(σ) is uniform because the pool holds
 * {@link #FRESH_ENTRIES} entries that no claim uses (eq(σ, ·) weighs them with two F-independent elements of K except
 * with probability about 1/p). The final check c_n = ρ_0·G(σ)·P(σ) + ρ_g·g(σ) becomes the PCS claims P(σ) on the
 * witness and ⟨ρ_g·w(σ), C_g⟩ = c_n − ρ_0·G(σ)·P(σ) on the final mask, a weighted claim (w(σ) = (1, σ_1, σ_1^2, …)).
 * Version 6 masked with a uniform R as large as P instead, committed interleaved with it, which doubled the witness
 * commitment.
 *
 * <p>Since version 8 the sumcheck binds P's variables from the last to the first ({@link Reduction#lastFirst}): with r
 * its round point, σ above is P's point rev r (where G and P are evaluated and P is opened), while g, a polynomial in
 * the round variables, is taken at r (its weights w(r) = (1, r_1, r_1^2, …)).
 */
final class MaskedReduction {
    private MaskedReduction() {}

    /** Σ_j α_j v_j + Σ_k α_{J+k} w_k. */
    static Ext2 claim(List<Claims.Claim> claims, Zk zk, ExtVector alpha) {
        Ext2 sum = Ext2.ZERO;
        for (int j = 0; j < claims.size(); j++) {
            sum = sum.add(alpha.get(j).mul(claims.get(j).value()));
        }
        for (int k = 0; k < zk.poolClaims.size(); k++) {
            sum = sum.add(alpha.get(claims.size() + k).mul(zk.poolClaims.get(k).value()));
        }
        return sum;
    }

    /**
     * The pool part of G as a dense table (real parts, imaginary parts) over the pool entries up to the largest one a
     * claim uses (none: empty tables), accumulated in place: claims and forms have thousands of terms in all.
     */
    static long[][] poolWeights(List<Claims.Claim> claims, Zk zk, ExtVector alpha) {
        int length = 0;
        for (Claims.Claim c : claims) {
            length = Math.max(length, c.unknown().end());
        }
        for (Zk.PoolClaim pc : zk.poolClaims) {
            length = Math.max(length, pc.form().end());
        }
        long[] re = new long[length];
        long[] im = new long[length];
        for (int j = 0; j < claims.size(); j++) {
            addScaled(claims.get(j).unknown(), alpha.get(j).neg(), re, im);
        }
        for (int k = 0; k < zk.poolClaims.size(); k++) {
            addScaled(zk.poolClaims.get(k).form(), alpha.get(claims.size() + k), re, im);
        }
        return new long[][] {re, im};
    }

    private static void addScaled(LinForm form, Ext2 a, long[] re, long[] im) {
        long a0 = a.c0();
        long a1 = a.c1();
        form.terms().forEach((i, c) -> {
            re[i] = Goldilocks.add(re[i], Ext2.mulRe(c.c0(), c.c1(), a0, a1));
            im[i] = Goldilocks.add(im[i], Ext2.mulIm(c.c0(), c.c1(), a0, a1));
        });
    }

    static Instance instance(PolyLayout layout, List<Claims.Claim> claims, Zk zk, ExtVector alpha, Ext2 claim) {
        long[][] pool = poolWeights(claims, zk, alpha);
        int poolSeg = layout.segments() - 1;
        return new Instance("witness claims (masked)", layout.totalVars(), Linear.PRODUCT, claim,
                List.of(new Instance.Public("claim weights", x -> weightAt(layout, claims, alpha, pool, poolSeg, x.reversed())),
                        new Instance.Opened()));
    }

    static Ext2 weightAt(PolyLayout layout, List<Claims.Claim> claims, ExtVector alpha, long[][] pool, int poolSeg, ExtVector x) {
        Ext2 g = Reduction.weightAt(layout, claims, alpha, x);
        int length = pool[0].length;
        if (length == 0) {
            return g;
        }
        // eq(x, off + i) = eq(x_high, segment index)·eq(x_mid, 0)·eq(x_low, i) for i < 2^m: one eq table over the
        // entries in use, not one eq product per entry; m from the largest index used, not from the pool size the
        // proof states (a verifier must not build 2^poolVars entries for a proof that claims a huge pool)
        int n = layout.totalVars();
        int pv = layout.numVars(poolSeg);
        int m = Math.min(pv, 32 - Integer.numberOfLeadingZeros(length - 1));
        Ext2 head = Fx.eqAt(x.slice(0, n - pv), layout.offset(poolSeg) >>> pv).mul(Fx.eqAt(x.slice(n - pv, n - m), 0));
        long[][] eq = io.zkgw.prover.poly.Mle.eqTable(x.slice(n - m, n));
        long s0 = 0;
        long s1 = 0;
        for (int i = 0; i < length; i++) {
            long w0 = pool[0][i];
            long w1 = pool[1][i];
            s0 = Goldilocks.add(s0, Ext2.mulRe(w0, w1, eq[0][i], eq[1][i]));
            s1 = Goldilocks.add(s1, Ext2.mulIm(w0, w1, eq[0][i], eq[1][i]));
        }
        return g.add(head.mul(new Ext2(s0, s1)));
    }

    /** Round degree of the final reduction: G·P. */
    static final int DEGREE = 2;
    /** Pool entries taken, after every stage's, that no claim uses: they make the sent P(σ) uniform. */
    static final int FRESH_ENTRIES = 2;

    /** Base entries of the final mask for a witness of n variables: two per K-valued coefficient of g. */
    static int maskEntries(int n) {
        return 2 * io.zkgw.prover.sumcheck.MaskedSumcheck.maskCoefficients(n, DEGREE);
    }

    /** Variables of the final mask's table (its entries padded with zeros to a power of two). */
    static int maskVars(int n) {
        return Fx.log2Ceil(maskEntries(n));
    }

    /** The final mask's table: g's coefficients (real, imaginary parts in turn), then zeros. */
    static long[] maskTable(io.zkgw.prover.hash.Prg prg, int n) {
        return Arrays.copyOf(prg.nextFields(maskEntries(n)), 1 << maskVars(n));
    }

    /** g's K-valued coefficients from the final mask's table. */
    static Ext2[] coefficients(long[] table, int n) {
        Ext2[] g = new Ext2[io.zkgw.prover.sumcheck.MaskedSumcheck.maskCoefficients(n, DEGREE)];
        for (int j = 0; j < g.length; j++) {
            g[j] = new Ext2(table[2 * j], table[2 * j + 1]);
        }
        return g;
    }

    /** The weights of the final mask's claim: ⟨weights, table⟩ = ρ_g·g(σ). */
    static ExtVector maskClaimWeights(ExtVector sigma, Ext2 rhoG) {
        int n = sigma.size();
        Ext2[] w = io.zkgw.prover.sumcheck.MaskedSumcheck.maskWeights(sigma, DEGREE);
        long[] re = new long[1 << maskVars(n)];
        long[] im = new long[re.length];
        for (int j = 0; j < w.length; j++) {
            Ext2 a = w[j].mul(rhoG);
            Ext2 b = a.mul(Ext2.X);
            re[2 * j] = a.c0();
            im[2 * j] = a.c1();
            re[2 * j + 1] = b.c0();
            im[2 * j + 1] = b.c1();
        }
        return ExtVector.ownedBy(re, im);
    }

    /** The final mask's claimed value ρ_g·g(σ) = c_n − ρ_0·G(σ)·P(σ). */
    static Ext2 maskClaimValue(io.zkgw.prover.sumcheck.MaskedSumcheck.Result res) {
        ExtVector f = res.finals().getFirst();
        return res.finalKnown().sub(res.rho().getFirst().mul(f.get(0)).mul(f.get(1)));
    }
}
