package io.zkgw.prover.sumcheck;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.hash.Sha256Prg;

/**
 * The masking polynomial of the zero-knowledge sumcheck (Chiesa–Forbes–Spooner; Libra, eprint 2019/317
 * §4.1): g(x_1..x_n) = a_0 + Σ_i Σ_{k=1..D} c_{i,k}·x_i^k with uniformly random base-field coefficients.
 * Its degree D in every variable equals the round degree of the sumcheck it masks, so each round
 * polynomial's non-constant coefficients get fresh randomness from g_i alone.
 *
 * <p>The caller commits the coefficient vector (a_0, c_{1,1..D}, .., c_{n,1..D}) — {@link #size()} field
 * elements, e.g. as a segment of a hiding witness commitment — before the sumcheck, and afterwards proves
 * the linear claim ⟨coefficients, {@link #weights}(r)⟩ = g(r) that {@link ZkSumcheckVerifier} returns.
 */
public record SumcheckMask(int numVars, int degree, long[] coefficients) {
    public SumcheckMask {
        if (numVars < 0 || degree < 1 || coefficients.length != 1 + numVars * degree) {
            throw new IllegalArgumentException("mask of " + coefficients.length + " coefficients for n = " + numVars + ", D = " + degree);
        }
        coefficients = coefficients.clone();
    }

    /** A uniformly random mask from a generator (the prover's secret blinding). */
    public static SumcheckMask random(int numVars, int degree, Sha256Prg prg) {
        return new SumcheckMask(numVars, degree, prg.nextFields(1 + numVars * degree));
    }

    @Override
    public long[] coefficients() {
        return coefficients.clone();
    }

    public int size() {
        return coefficients.length;
    }

    long a0() {
        return coefficients[0];
    }

    long coefficient(int var, int power) {
        return coefficients[1 + var * degree + (power - 1)];
    }

    /** Σ_{x ∈ {0,1}^n} g(x) = 2^n·a_0 + 2^(n−1)·Σ_{i,k} c_{i,k} (x^k sums to 1 over {0,1} for k ≥ 1). */
    public Ext2 sum() {
        long all = 0;
        for (int i = 1; i < coefficients.length; i++) {
            all = Goldilocks.add(all, coefficients[i]);
        }
        long s = Goldilocks.mul(Goldilocks.pow(2, numVars), a0());
        if (numVars > 0) {
            s = Goldilocks.add(s, Goldilocks.mul(Goldilocks.pow(2, numVars - 1), all));
        }
        return Ext2.ofBase(s);
    }

    /** g_i(x) = Σ_k c_{i,k}·x^k (no constant term: a_0 carries it). */
    Ext2 univariate(int var, Ext2 x) {
        Ext2 acc = Ext2.ZERO;
        Ext2 pow = Ext2.ONE;
        for (int k = 1; k <= degree; k++) {
            pow = pow.mul(x);
            acc = acc.add(pow.mulBase(coefficient(var, k)));
        }
        return acc;
    }

    /** Σ_k c_{i,k} = g_i(1). */
    long univariateAtOne(int var) {
        long s = 0;
        for (int k = 1; k <= degree; k++) {
            s = Goldilocks.add(s, coefficient(var, k));
        }
        return s;
    }

    public Ext2 evaluate(ExtVector point) {
        if (point.size() != numVars) {
            throw new IllegalArgumentException("point has " + point.size() + " coordinates, the mask " + numVars);
        }
        Ext2 v = Ext2.ofBase(a0());
        for (int i = 0; i < numVars; i++) {
            v = v.add(univariate(i, point.get(i)));
        }
        return v;
    }

    /** The public vector w(r) = (1, r_1, .., r_1^D, .., r_n, .., r_n^D) with g(r) = ⟨coefficients, w(r)⟩. */
    public static ExtVector weights(ExtVector point, int degree) {
        int n = point.size();
        long[] re = new long[1 + n * degree];
        long[] im = new long[re.length];
        re[0] = 1;
        for (int i = 0; i < n; i++) {
            Ext2 pow = Ext2.ONE;
            for (int k = 1; k <= degree; k++) {
                pow = pow.mul(point.get(i));
                re[1 + i * degree + k - 1] = pow.c0();
                im[1 + i * degree + k - 1] = pow.c1();
            }
        }
        return ExtVector.ownedBy(re, im);
    }
}
