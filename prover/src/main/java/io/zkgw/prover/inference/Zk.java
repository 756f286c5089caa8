package io.zkgw.prover.inference;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.hash.AesPrg;
import java.util.ArrayList;
import java.util.List;

/**
 * The zero-knowledge side of one proof (protocol version 4): the mask pool and the linear claims on it.
 *
 * <p>The pool is a segment of 2^poolVars uniformly random base-field entries in the witness polynomial,
 * committed with the witness before any challenge. Prover and verifier take entries from it in the same
 * order (the order in which the protocol needs masks, a function of D and B only): per batched sumcheck
 * the 2·(1 + n·D) coefficients of its masking polynomial g, per masked final value and per masked sent value
 * two entries (one K element). The pool size is stated in the proof (u8 poolVars, absorbed before the
 * witness root); a proof whose masks do not fit is rejected. Every relation the verifier can no longer check
 * directly (it involves masks) becomes a {@link PoolClaim}; all of them are discharged with the witness claims
 * by the final, fully masked claim reduction.
 */
final class Zk {
    static final int MAX_POOL_VARS = 24;

    /** ⟨form, pool⟩ = value. */
    record PoolClaim(LinForm form, Ext2 value, String origin) {}

    final int poolVars;
    /** Prover: the pool entries (null on the verifier's side). */
    final long[] pool;
    private int used;
    final List<PoolClaim> poolClaims = new ArrayList<>();

    private Zk(int poolVars, long[] pool) {
        this.poolVars = poolVars;
        this.pool = pool;
    }

    static Zk verifier(int poolVars) {
        return new Zk(poolVars, null);
    }

    static Zk prover(int poolVars, byte[] blinding) {
        long[] p = new AesPrg("zkgw/inference/mask-pool", blinding).nextFields(1 << poolVars);
        return new Zk(poolVars, p);
    }

    /** Prover: writes values into the pool from idx on (beyond the pool: dropped, that attempt is discarded). */
    void fill(int idx, long[] values) {
        for (int i = 0; i < values.length && idx + i < pool.length; i++) {
            pool[idx + i] = values[i];
        }
    }

    int size() {
        return 1 << poolVars;
    }

    /** Takes {@code count} base entries; returns the index of the first. */
    int take(int count) {
        int at = used;
        used += count;
        return at;
    }

    int used() {
        return used;
    }

    boolean fits() {
        return used <= size();
    }

    /** Prover: the K-valued mask at idx (entries beyond the pool read as 0: that proof attempt is discarded). */
    Ext2 mask(int idx) {
        return new Ext2(at(idx), at(idx + 1));
    }

    private long at(int i) {
        return i < pool.length ? pool[i] : 0;
    }

    /** The witness polynomial's segments in the zero-knowledge format: the circuit's, then the pool. */
    static PolyLayout witnessLayout(Circuit c, int poolVars) {
        PolyLayout w = c.witnessLayout();
        int[] sizes = new int[w.segments() + 1];
        for (int s = 0; s < w.segments(); s++) {
            sizes[s] = w.numVars(s);
        }
        sizes[w.segments()] = poolVars;
        return PolyLayout.of(sizes);
    }

    /** Random blinding slots of the weight polynomial for a proof budget K: 2^⌈log2 2K⌉ (each proof reveals W(σ), two base elements). */
    static int blindingVars(int budget) {
        return Fx.log2Ceil(2L * budget);
    }

    /** The weight polynomial's segments in the zero-knowledge format: the circuit's, then the blinding slots. */
    static PolyLayout weightLayout(Circuit c, int budget) {
        PolyLayout w = c.weightLayout();
        int[] sizes = new int[w.segments() + 1];
        for (int s = 0; s < w.segments(); s++) {
            sizes[s] = w.numVars(s);
        }
        sizes[w.segments()] = blindingVars(budget);
        return PolyLayout.of(sizes);
    }

    /** Adds ⟨form, pool⟩ = value (an empty form with a non-zero value is a false claim: the reduction rejects it). */
    void claim(LinForm form, Ext2 value, String origin) {
        if (!form.isEmpty() || !value.isZero()) {
            poolClaims.add(new PoolClaim(form, value, origin));
        }
    }

    /** Requires v == target: directly when v is exact, else as the pool claim unknown = target − known. */
    void requireEqual(MVal v, Ext2 target, String origin) throws io.zkgw.prover.VerificationException {
        if (v.exact()) {
            if (!v.known().equals(target)) {
                throw new io.zkgw.prover.VerificationException(origin);
            }
            return;
        }
        claim(v.unknown(), target.sub(v.known()), origin);
    }
}
