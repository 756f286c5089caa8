package io.zkgw.prover.inference;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The final claim reduction of the zero-knowledge format. Claims: every witness claim T_j(z_j) = v_j + u_j(pool)
 * and every pool claim ⟨f_k, pool⟩ = w_k, all linear functionals of the witness polynomial P (the pool is
 * its last segment). With α from the transcript they become Σ_x G(x)·P(x) = Σ_j α_j v_j + Σ_k α_k' w_k with
 * G = Σ_j α_j (eq((offset_j, z_j), ·) − u_j) + Σ_k α_k' f_k.
 *
 * <p>Masking: the committed polynomial is P'(x, y) = (1 − y)·P(x) + y·R(x) (P and R interleaved, entry 2i + y), with R
 * uniform on P's segments and zero on its padding (both are zero there, so P' is the prefix of 2·used entries and
 * the padding is not committed). The prover sends
 * S = ⟨G, R⟩, then λ is drawn and the sumcheck runs on Σ_x G(x)·(P + λR)(x) = claim + λ·S. Every round
 * message and the final value (P + λR)(σ) are functionals of the uniform table P + λR (and S of R), so they
 * are uniform subject to the one relation the verifier checks. The PCS opens P' at (σ, λ/(1+λ)), whose
 * value is (P + λR)(σ)/(1 + λ).
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

    /** The pool part of G: pool index → coefficient. */
    static Map<Integer, Ext2> poolWeights(List<Claims.Claim> claims, Zk zk, ExtVector alpha) {
        TreeMap<Integer, Ext2> w = new TreeMap<>();
        for (int j = 0; j < claims.size(); j++) {
            Ext2 a = alpha.get(j).neg();
            claims.get(j).unknown().terms().forEach((i, c) -> w.merge(i, c.mul(a), Ext2::add));
        }
        for (int k = 0; k < zk.poolClaims.size(); k++) {
            Ext2 a = alpha.get(claims.size() + k);
            zk.poolClaims.get(k).form().terms().forEach((i, c) -> w.merge(i, c.mul(a), Ext2::add));
        }
        return w;
    }

    static Instance instance(PolyLayout layout, List<Claims.Claim> claims, Zk zk, ExtVector alpha, Ext2 claim) {
        Map<Integer, Ext2> pool = poolWeights(claims, zk, alpha);
        int poolSeg = layout.segments() - 1;
        return new Instance("witness claims (masked)", layout.totalVars(), Linear.PRODUCT, claim,
                List.of(new Instance.Public("claim weights", x -> weightAt(layout, claims, alpha, pool, poolSeg, x)), new Instance.Opened()));
    }

    static Ext2 weightAt(PolyLayout layout, List<Claims.Claim> claims, ExtVector alpha, Map<Integer, Ext2> pool, int poolSeg, ExtVector x) {
        Ext2 g = Reduction.weightAt(layout, claims, alpha, x);
        if (pool.isEmpty()) {
            return g;
        }
        // eq(x, off + i) = eq(x_high, segment index)·eq(x_mid, 0)·eq(x_low, i) for i < 2^m: one eq table over the
        // entries in use, not one eq product per entry; m from the largest index, not from the pool size the
        // proof states (a verifier must not build 2^poolVars entries for a proof that claims a huge pool)
        int n = layout.totalVars();
        int pv = layout.numVars(poolSeg);
        int m = Math.min(pv, 32 - Integer.numberOfLeadingZeros(java.util.Collections.max(pool.keySet())));
        Ext2 head = Fx.eqAt(x.slice(0, n - pv), layout.offset(poolSeg) >>> pv).mul(Fx.eqAt(x.slice(n - pv, n - m), 0));
        long[][] eq = io.zkgw.prover.poly.Mle.eqTable(x.slice(n - m, n));
        long s0 = 0;
        long s1 = 0;
        for (Map.Entry<Integer, Ext2> e : pool.entrySet()) {
            int i = e.getKey();
            Ext2 w = e.getValue();
            s0 = Goldilocks.add(s0, Ext2.mulRe(w.c0(), w.c1(), eq[0][i], eq[1][i]));
            s1 = Goldilocks.add(s1, Ext2.mulIm(w.c0(), w.c1(), eq[0][i], eq[1][i]));
        }
        return g.add(head.mul(new Ext2(s0, s1)));
    }

    /** The point of P'(x, y) = (1 − y)·P(x) + y·R(x) opened: (σ, λ/(1 + λ)). */
    static ExtVector openingPoint(ExtVector sigma, Ext2 lambda) {
        Ext2 y = lambda.mul(Ext2.ONE.add(lambda).inv());
        return Fx.concat(sigma, ExtVector.of(y));
    }

    /** P'(σ, λ/(1 + λ)) = (P + λR)(σ)/(1 + λ). */
    static Ext2 openingValue(Ext2 maskedValue, Ext2 lambda) {
        return maskedValue.mul(Ext2.ONE.add(lambda).inv());
    }
}
