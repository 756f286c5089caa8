package io.zkgw.prover.pcs.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.ByteMutations;
import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.transcript.Transcript;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Weighted claims ({@link EvalClaim#ofWeights}): ⟨weights, table⟩ = value for a polynomial of one row, in both variants.
 * The true value verifies; another value, other weights, a point claim in their place and random mutations are rejected;
 * a polynomial of more than one row is refused.
 */
class TensorPcsWeightedClaimTest {
    static Transcript transcript() {
        return Transcript.create("zkgw-pcs-weighted-test", 1);
    }

    static Ext2 dot(ExtVector w, long[] t) {
        Ext2 s = Ext2.ZERO;
        for (int i = 0; i < t.length; i++) {
            s = s.add(w.get(i).mulBase(t[i]));
        }
        return s;
    }


    @Test
    void aWeightedClaimVerifiesWithItsValueAndWeightsOnly() throws Exception {
        SplittableRandom rng = new SplittableRandom(31);
        for (TensorPcsParams p : List.of(TensorPcsParams.STANDARD, TensorPcsParams.HIDING)) {
            TensorPcsProver prover = new TensorPcsProver(p);
            TensorPcsVerifier verifier = new TensorPcsVerifier(p);
            for (int n : new int[] {0, 3, 7}) {
                String what = p.hiding() + " n=" + n;
                long[] table = FieldVec.random(rng, 1 << n);
                TensorProverData d = prover.commit(List.of(table), TensorPcsPrefixTest.blinding(p, n));
                ExtVector w = TensorPcsTest.randomPoint(rng, 1 << n);
                Ext2 value = dot(w, table);
                List<EvalClaim> claims = List.of(EvalClaim.ofWeights(0, w, value));
                byte[] proof = prover.open(d, claims, transcript()).encode();
                verifier.verifyEncoded(d.commitment(), List.of(n), claims, proof, transcript());

                assertThrows(VerificationException.class, () -> verifier.verifyEncoded(d.commitment(), List.of(n),
                        List.of(EvalClaim.ofWeights(0, w, value.add(Ext2.ONE))), proof, transcript()), what + ": another value");
                long[] re = w.reCopy();
                re[re.length - 1] = Goldilocks.add(re[re.length - 1], 1);
                ExtVector other = ExtVector.ownedBy(re, w.imCopy());
                assertThrows(VerificationException.class, () -> verifier.verifyEncoded(d.commitment(), List.of(n),
                        List.of(EvalClaim.ofWeights(0, other, value)), proof, transcript()), what + ": other weights");
                if (n > 0) {
                    // the same numbers as a point claim are another statement (another transcript label, another b)
                    ExtVector asPoint = TensorPcsTest.randomPoint(rng, n);
                    assertThrows(VerificationException.class, () -> verifier.verifyEncoded(d.commitment(), List.of(n),
                            List.of(new EvalClaim(0, asPoint, value)), proof, transcript()), what + ": as a point claim");
                }
                if (n == 7) {
                    assertEquals(0, ByteMutations.accepted(proof, rng, 200, bad -> verifier.verifyEncoded(d.commitment(), List.of(n), claims, bad,
                            transcript())), what + ": random single-byte mutations accepted");
                }
            }
        }
    }

    @Test
    void weightedClaimsNeedOneRowAndOneWeightPerEntry() {
        SplittableRandom rng = new SplittableRandom(32);
        TensorPcsParams p = TensorPcsParams.STANDARD;
        TensorPcsProver prover = new TensorPcsProver(p);
        int n = 16;
        TensorProverData d = prover.commit(List.of(FieldVec.random(rng, 1 << n)));
        assertTrue(TensorLayout.of(p, List.of(n)).rowVars(0) > 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> prover.open(d, List.of(EvalClaim.ofWeights(0, TensorPcsTest.randomPoint(rng, 1 << n), Ext2.ZERO)), transcript()));
        assertTrue(e.getMessage().contains("more than one row"), e.getMessage());
        TensorProverData small = prover.commit(List.of(FieldVec.random(rng, 8)));
        e = assertThrows(IllegalArgumentException.class,
                () -> prover.open(small, List.of(EvalClaim.ofWeights(0, TensorPcsTest.randomPoint(rng, 4), Ext2.ZERO)), transcript()));
        assertTrue(e.getMessage().contains("4 weights"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EvalClaim(0, null, Ext2.ZERO, null));
        assertThrows(IllegalArgumentException.class, () -> new EvalClaim(0, TensorPcsTest.randomPoint(rng, 2), Ext2.ZERO, TensorPcsTest.randomPoint(rng, 4)));
    }
}
