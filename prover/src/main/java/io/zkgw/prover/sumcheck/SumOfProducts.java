package io.zkgw.prover.sumcheck;

import io.zkgw.prover.field.Ext2;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of a sumcheck summand: g(x) = Σ_j c_j · Π_{k ∈ F_j} P_k(x) over numPolys multilinear
 * polynomials P_0..P_{m-1}. A polynomial may appear in several terms (e.g. eq(r, x) shared by all) and
 * several times in one term (a square). Immutable; the verifier knows it from the public statement.
 */
public final class SumOfProducts {
    private final int numPolys;
    private final Ext2[] coefficients;
    private final int[][] factors;

    private SumOfProducts(int numPolys, Ext2[] coefficients, int[][] factors) {
        this.numPolys = numPolys;
        this.coefficients = coefficients;
        this.factors = factors;
    }

    /** One term c · Π factors. */
    public record Term(Ext2 coefficient, List<Integer> factors) {
        public Term {
            factors = List.copyOf(factors);
        }

        public static Term of(Ext2 coefficient, int... factors) {
            return new Term(coefficient, Arrays.stream(factors).boxed().toList());
        }
    }

    public static SumOfProducts of(int numPolys, List<Term> terms) {
        if (numPolys < 0 || terms.isEmpty()) {
            throw new IllegalArgumentException("a sum of products needs at least one term");
        }
        Ext2[] c = new Ext2[terms.size()];
        int[][] f = new int[terms.size()][];
        for (int j = 0; j < c.length; j++) {
            c[j] = terms.get(j).coefficient();
            f[j] = terms.get(j).factors().stream().mapToInt(Integer::intValue).toArray();
            for (int k : f[j]) {
                if (k < 0 || k >= numPolys) {
                    throw new IllegalArgumentException("factor index " + k + " out of range [0, " + numPolys + ")");
                }
            }
        }
        return new SumOfProducts(numPolys, c, f);
    }

    public static SumOfProducts of(int numPolys, Term... terms) {
        return of(numPolys, List.of(terms));
    }

    /** The plain product P_0 · P_1 · .. · P_{m-1}. */
    public static SumOfProducts product(int numPolys) {
        int[] all = new int[numPolys];
        for (int k = 0; k < numPolys; k++) {
            all[k] = k;
        }
        return of(numPolys, Term.of(Ext2.ONE, all));
    }

    public int numPolys() {
        return numPolys;
    }

    public int numTerms() {
        return coefficients.length;
    }

    public Ext2 coefficient(int term) {
        return coefficients[term];
    }

    public int[] factors(int term) {
        return factors[term].clone();
    }

    int[][] factorsShared() {
        return factors;
    }

    /** The largest number of factors in a term: the degree of g in each variable. */
    public int degree() {
        int d = 0;
        for (int[] f : factors) {
            d = Math.max(d, f.length);
        }
        return d;
    }

    /** g at a point where P_k takes the value values[k]. */
    public Ext2 evaluate(List<Ext2> values) {
        if (values.size() != numPolys) {
            throw new IllegalArgumentException("expected " + numPolys + " values, got " + values.size());
        }
        Ext2 acc = Ext2.ZERO;
        for (int j = 0; j < coefficients.length; j++) {
            Ext2 prod = coefficients[j];
            for (int k : factors[j]) {
                prod = prod.mul(values.get(k));
            }
            acc = acc.add(prod);
        }
        return acc;
    }

    public List<Term> terms() {
        List<Term> out = new ArrayList<>();
        for (int j = 0; j < coefficients.length; j++) {
            out.add(Term.of(coefficients[j], factors[j]));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SumOfProducts s && numPolys == s.numPolys && Arrays.equals(coefficients, s.coefficients)
                && Arrays.deepEquals(factors, s.factors);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * numPolys + Arrays.hashCode(coefficients)) + Arrays.deepHashCode(factors);
    }

    @Override
    public String toString() {
        return "SumOfProducts" + terms();
    }
}
