package io.zkgw.prover.inference;

import io.zkgw.prover.field.Ext2;

/**
 * A value as the verifier of a zero-knowledge proof knows it: the true value is {@code known + unknown(pool)},
 * where {@code known} was computed from what the proof sent (masked values) and {@code unknown} is a linear
 * form over the committed mask pool. Everything the protocol does with such values is linear, so the unknown
 * parts end up in linear claims on the pool, which the claim reduction discharges. In the plain format
 * {@code unknown} is always empty.
 */
record MVal(Ext2 known, LinForm unknown) {
    static MVal of(Ext2 v) {
        return new MVal(v, LinForm.EMPTY);
    }

    MVal add(MVal o) {
        return new MVal(known.add(o.known), unknown.add(o.unknown));
    }

    MVal sub(MVal o) {
        return new MVal(known.sub(o.known), unknown.sub(o.unknown));
    }

    MVal mul(Ext2 s) {
        return new MVal(known.mul(s), unknown.scale(s));
    }

    MVal add(Ext2 c) {
        return new MVal(known.add(c), unknown);
    }

    boolean exact() {
        return unknown.isEmpty();
    }

    /** The true value on the prover's side. */
    Ext2 value(long[] pool) {
        return unknown.isEmpty() ? known : known.add(unknown.evaluate(pool));
    }
}
