package io.zkgw.prover.inference;

import io.zkgw.prover.field.Ext2;
import java.util.Map;
import java.util.TreeMap;

/**
 * A linear form over the mask pool of a zero-knowledge proof: Σ_i c_i·pool[i] with c_i ∈ K and pool entries
 * (base-field, committed in the witness polynomial's pool segment). Immutable; small (a handful of terms).
 */
final class LinForm {
    static final LinForm EMPTY = new LinForm(new TreeMap<>());

    private final TreeMap<Integer, Ext2> terms;

    private LinForm(TreeMap<Integer, Ext2> terms) {
        this.terms = terms;
    }

    /** coef·m for the K-valued mask m = pool[idx] + X·pool[idx + 1]. */
    static LinForm mask(int idx, Ext2 coef) {
        TreeMap<Integer, Ext2> t = new TreeMap<>();
        if (!coef.isZero()) {
            t.put(idx, coef);
            t.put(idx + 1, coef.mul(Ext2.X));
        }
        return new LinForm(t);
    }

    /** Σ_j w_j·c_j over K-valued coefficients c_j = pool[base + 2j] + X·pool[base + 2j + 1]. */
    static LinForm maskVector(int base, Ext2[] w, Ext2 scale) {
        TreeMap<Integer, Ext2> t = new TreeMap<>();
        for (int j = 0; j < w.length; j++) {
            Ext2 c = w[j].mul(scale);
            if (!c.isZero()) {
                t.put(base + 2 * j, c);
                t.put(base + 2 * j + 1, c.mul(Ext2.X));
            }
        }
        return new LinForm(t);
    }

    /** Σ_u w[u]·pool[base + u] for a K-valued weight vector (re, im) over base-field entries. */
    static LinForm dense(int base, long[][] w, Ext2 scale) {
        TreeMap<Integer, Ext2> t = new TreeMap<>();
        for (int u = 0; u < w[0].length; u++) {
            Ext2 c = new Ext2(w[0][u], w[1][u]).mul(scale);
            if (!c.isZero()) {
                t.put(base + u, c);
            }
        }
        return new LinForm(t);
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    /** One past the largest pool index the form uses (0 for the empty form). */
    int end() {
        return terms.isEmpty() ? 0 : terms.lastKey() + 1;
    }

    Map<Integer, Ext2> terms() {
        return java.util.Collections.unmodifiableMap(terms);
    }

    LinForm add(LinForm o) {
        if (o.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return o;
        }
        TreeMap<Integer, Ext2> t = new TreeMap<>(terms);
        o.terms.forEach((k, v) -> t.merge(k, v, Ext2::add));
        t.values().removeIf(Ext2::isZero);
        return new LinForm(t);
    }

    LinForm scale(Ext2 s) {
        if (isEmpty() || s.equals(Ext2.ONE)) {
            return this;
        }
        TreeMap<Integer, Ext2> t = new TreeMap<>();
        if (!s.isZero()) {
            terms.forEach((k, v) -> t.put(k, v.mul(s)));
        }
        return new LinForm(t);
    }

    LinForm neg() {
        return scale(Ext2.ONE.neg());
    }

    LinForm sub(LinForm o) {
        return add(o.neg());
    }

    /** The form's value on the prover's pool. */
    Ext2 evaluate(long[] pool) {
        Ext2 s = Ext2.ZERO;
        for (Map.Entry<Integer, Ext2> e : terms.entrySet()) {
            long v = e.getKey() < pool.length ? pool[e.getKey()] : 0;
            s = s.add(e.getValue().mulBase(v));
        }
        return s;
    }

    @Override
    public String toString() {
        return "LinForm" + terms;
    }

}
