package io.zkgw.prover.pcs.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.ByteMutations;
import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.hash.AesPrg;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.transcript.Transcript;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A polynomial committed as a prefix ({@link TensorLayout#ofPrefix}): only the rows of its first L entries exist, the
 * rest of its table is zero by definition. Openings verify against the zero-padded polynomial, in both the plain and
 * the hiding variant; an opening made for another length, or for the full layout, and every random mutation are rejected.
 */
class TensorPcsPrefixTest {
    static Transcript transcript() {
        return Transcript.create("zkgw-pcs-prefix-test", 1);
    }

    static AesPrg blinding(TensorPcsParams p, int i) {
        byte[] s = new byte[32];
        s[0] = (byte) i;
        return p.hiding() ? new AesPrg(TensorPcsProver.BLINDING_DOMAIN, s) : null;
    }


    @Test
    void prefixOpeningsVerifyAgainstTheZeroPaddedPolynomialWithOnlyTheLiveRows() throws Exception {
        SplittableRandom rng = new SplittableRandom(21);
        for (TensorPcsParams p : List.of(TensorPcsParams.STANDARD, TensorPcsParams.HIDING)) {
            TensorPcsProver prover = new TensorPcsProver(p);
            TensorPcsVerifier verifier = new TensorPcsVerifier(p);
            for (int n : new int[] {3, 10, 13}) {
                int cols = TensorLayout.of(p, List.of(n)).cols();
                for (long len : new long[] {1, cols - 1, cols, cols + 1, (1L << n) * 5 / 8 + 3, (1L << n) - 1, 1L << n}) {
                    if (len < 1 || len > 1L << n) {
                        continue;
                    }
                    String what = p.hiding() + " n=" + n + " L=" + len;
                    long[] live = FieldVec.random(rng, (int) len);
                    TensorProverData d = prover.commitPrefix(n, live, blinding(p, n));
                    TensorLayout layout = TensorLayout.ofPrefix(p, n, len);
                    TensorLayout full = TensorLayout.of(p, List.of(n));
                    if (p.hiding()) {
                        // narrowed only where that halves the code (docs/proof-system.md §10.5)
                        assertTrue(layout.logCols() <= full.logCols(), what);
                        assertEquals(full.logBlockLength() - (full.logCols() - layout.logCols()), layout.logBlockLength(), what);
                    } else {
                        assertEquals(full.logCols(), layout.logCols(), what + ": the width of the full polynomial");
                        assertEquals(full.blockLength(), layout.blockLength(), what + ": the code of the full polynomial");
                    }
                    long width = layout.cols();
                    long expectedRows = n >= layout.logCols() ? (len + width - 1) / width : 1;
                    assertEquals(expectedRows, layout.rowCount(0), what);
                    assertEquals(layout.totalRows(), d.layout().totalRows(), what);
                    assertEquals(len == 1L << n, !layout.hasPrefix(), what);
                    ExtVector z = TensorPcsTest.randomPoint(rng, n);
                    Ext2 value = Mle.evaluate(Arrays.copyOf(live, 1 << n), z);
                    List<EvalClaim> claims = List.of(new EvalClaim(0, z, value));
                    byte[] proof = prover.open(d, claims, transcript()).encode();
                    verifier.verifyEncodedJointLayouts(List.of(d.commitment()), List.of(layout), claims, proof, transcript());
                    List<EvalClaim> wrong = List.of(new EvalClaim(0, z, value.add(Ext2.ONE)));
                    assertThrows(VerificationException.class,
                            () -> verifier.verifyEncodedJointLayouts(List.of(d.commitment()), List.of(layout), wrong, proof, transcript()), what);
                    if (len < 1L << n) {
                        // the length is part of the statement: the full layout, or another length with the same rows, is refused
                        assertThrows(VerificationException.class,
                                () -> verifier.verifyEncoded(d.commitment(), List.of(n), claims, proof, transcript()), what + ": full layout");
                        long other = len % width == 1 || len == 1 ? len + 1 : len - 1;
                        if (other >= 1 && other < 1L << n) {
                            TensorLayout otherLayout = TensorLayout.ofPrefix(p, n, other);
                            assertThrows(VerificationException.class, () -> verifier.verifyEncodedJointLayouts(List.of(d.commitment()),
                                    List.of(otherLayout), claims, proof, transcript()), what + ": length " + other);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aPrefixCommitmentIsBindingToItsZeroTailAndSmallerToOpen() throws Exception {
        SplittableRandom rng = new SplittableRandom(22);
        TensorPcsParams p = TensorPcsParams.HIDING;
        TensorPcsProver prover = new TensorPcsProver(p);
        TensorPcsVerifier verifier = new TensorPcsVerifier(p);
        int n = 14;
        long len = (1L << n) * 9 / 16;
        long[] live = FieldVec.random(rng, (int) len);
        long[] padded = Arrays.copyOf(live, 1 << n);
        ExtVector z = TensorPcsTest.randomPoint(rng, n);
        List<EvalClaim> claims = List.of(new EvalClaim(0, z, Mle.evaluate(padded, z)));
        TensorLayout layout = TensorLayout.ofPrefix(p, n, len);

        // the same table committed in full (its zero tail in rows) opens to the same value, with more rows per column
        TensorProverData fullData = prover.commit(List.of(padded), blinding(p, 1));
        byte[] fullProof = prover.open(fullData, claims, transcript()).encode();
        verifier.verifyEncoded(fullData.commitment(), List.of(n), claims, fullProof, transcript());
        TensorProverData d = prover.commitPrefix(n, live, blinding(p, 1));
        assertNotEquals(fullData.commitment(), d.commitment());
        byte[] proof = prover.open(d, claims, transcript()).encode();
        assertTrue(proof.length < fullProof.length, proof.length + " vs " + fullProof.length);
        assertThrows(VerificationException.class,
                () -> verifier.verifyEncodedJointLayouts(List.of(fullData.commitment()), List.of(layout), claims, fullProof, transcript()),
                "a full commitment is not opened as a prefix");

        // a table with a non-zero entry past the prefix: committed in full, it cannot pass as the prefix commitment
        long[] tail = padded.clone();
        tail[(int) len + 5] = 1;
        List<EvalClaim> tailClaims = List.of(new EvalClaim(0, z, Mle.evaluate(tail, z)));
        TensorProverData tailData = prover.commit(List.of(tail), blinding(p, 2));
        byte[] tailProof = prover.open(tailData, tailClaims, transcript()).encode();
        assertThrows(VerificationException.class, () -> verifier.verifyEncodedJointLayouts(List.of(tailData.commitment()), List.of(layout),
                tailClaims, tailProof, transcript()));

        assertEquals(0, ByteMutations.accepted(proof, rng, 300, bad -> verifier.verifyEncodedJointLayouts(List.of(d.commitment()), List.of(layout),
                claims, bad, transcript())), "random single-byte mutations accepted");
    }

    @Test
    void prefixLengthsOutsideThePolynomialAreRefused() {
        TensorPcsParams p = TensorPcsParams.STANDARD;
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> TensorLayout.ofPrefix(p, 5, 0));
        assertTrue(zero.getMessage().contains("prefix of 0 entries"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TensorLayout.ofPrefix(p, 5, 33));
        assertThrows(IllegalArgumentException.class, () -> new TensorPcsProver(p).commitPrefix(5, new long[33], null));
        assertThrows(IllegalArgumentException.class, () -> new TensorPcsProver(p).commitPrefix(5, new long[] {-1}, null));
    }
}
