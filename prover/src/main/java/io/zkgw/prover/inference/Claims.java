package io.zkgw.prover.inference;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims "committed table T takes value v at point z" collected during a proof, per commitment: the
 * witness polynomial (by witness tensor), the weight polynomial (by weight segment). They are all
 * discharged together at the end by one claim reduction and one PCS opening per commitment.
 */
final class Claims {
    /** T_segment(point) = value + unknown(pool) (unknown empty in the plain format). */
    record Claim(int segment, ExtVector point, Ext2 value, LinForm unknown, String origin) {
        Claim(int segment, ExtVector point, Ext2 value, String origin) {
            this(segment, point, value, LinForm.EMPTY, origin);
        }
    }

    /** A claim on a virtual (uncommitted) tensor, passed from the zero-check that produced it to its linear op. */
    record Chain(ExtVector point, MVal value) {}

    final List<Claim> witness = new ArrayList<>();
    final java.util.Map<Integer, Chain> chained = new java.util.HashMap<>();
    final List<Claim> weights = new ArrayList<>();

    void witness(int tensor, ExtVector point, Ext2 value, String origin) {
        witness.add(new Claim(tensor, point, value, origin));
    }

    void witness(int tensor, ExtVector point, MVal value, String origin) {
        witness.add(new Claim(tensor, point, value.known(), value.unknown(), origin));
    }

    /** The witness claims with tensors replaced by their segments of the witness polynomial. */
    List<Claim> witnessBySegment(Circuit c) {
        return witness.stream().map(w -> new Claim(c.segmentOf(w.segment()), w.point(), w.value(), w.unknown(), w.origin())).toList();
    }

    void weight(int segment, ExtVector point, Ext2 value, String origin) {
        weights.add(new Claim(segment, point, value, origin));
    }

    void weight(int segment, ExtVector point, MVal value, String origin) {
        weights.add(new Claim(segment, point, value.known(), value.unknown(), origin));
    }
}
