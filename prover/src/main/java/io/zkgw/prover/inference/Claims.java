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
    record Claim(int segment, ExtVector point, Ext2 value, String origin) {}

    final List<Claim> witness = new ArrayList<>();
    final List<Claim> weights = new ArrayList<>();

    void witness(int tensor, ExtVector point, Ext2 value, String origin) {
        witness.add(new Claim(tensor, point, value, origin));
    }

    void weight(int segment, ExtVector point, Ext2 value, String origin) {
        weights.add(new Claim(segment, point, value, origin));
    }
}
