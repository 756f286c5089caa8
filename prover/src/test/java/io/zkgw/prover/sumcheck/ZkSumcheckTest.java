package io.zkgw.prover.sumcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.hash.Sha256Prg;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.sumcheck.SumOfProducts.Term;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The zero-knowledge (masked) sumcheck: completeness, soundness checks, the mask claim, and uniform round messages. */
class ZkSumcheckTest {
    static Transcript transcript() {
        return Transcript.create("zkgw-zk-sumcheck-test", 1);
    }

    static SumcheckMask mask(int n, int d, int seed) {
        byte[] s = new byte[32];
        s[0] = (byte) seed;
        s[1] = (byte) (seed >>> 8);
        return SumcheckMask.random(n, d, new Sha256Prg("zkgw/test/mask", s));
    }

    /** Σ a·b·c over n variables and Σ a·b over n − 2: degree 3, two instances of different sizes. */
    static List<SumcheckProver.Instance> instances(SplittableRandom rng, int n) {
        SumOfProducts abc = SumOfProducts.of(3, Term.of(Ext2.ONE, 0, 1, 2));
        SumOfProducts ab = SumOfProducts.product(2);
        return List.of(SumcheckProver.Instance.ofBase(abc, List.of(FieldVec.random(rng, 1 << n), FieldVec.random(rng, 1 << n),
                FieldVec.random(rng, 1 << n))), SumcheckProver.Instance.ofBase(ab, List.of(FieldVec.random(rng, 1 << (n - 2)),
                        FieldVec.random(rng, 1 << (n - 2)))));
    }

    @Test
    void maskedSumcheckVerifiesAndReturnsTheMaskClaim() throws Exception {
        SplittableRandom rng = new SplittableRandom(1);
        List<SumcheckProver.Instance> inst = instances(rng, 7);
        List<SumcheckClaim> claims = inst.stream().map(SumcheckProver.Instance::toClaim).toList();
        SumcheckMask g = mask(7, 3, 1);
        // G is the true sum of g over the hypercube
        Ext2 brute = Ext2.ZERO;
        for (int x = 0; x < 1 << 7; x++) {
            long[] re = new long[7];
            for (int i = 0; i < 7; i++) {
                re[i] = (x >>> (6 - i)) & 1;
            }
            brute = brute.add(g.evaluate(ExtVector.of(re, new long[7])));
        }
        assertEquals(brute, g.sum());
        Transcript pt = transcript();
        ZkSumcheckProver.Output out = ZkSumcheckProver.prove(inst, g, pt);
        Transcript vt = transcript();
        ZkSumcheckVerifier.Result res = ZkSumcheckVerifier.verify(claims, out.proof(), vt);
        assertEquals(pt.state(), vt.state());
        assertEquals(g.evaluate(res.maskPoint()), res.maskValue());
        // the claim the caller discharges: ⟨coefficients, w(r)⟩ = g(r)
        ExtVector w = SumcheckMask.weights(res.maskPoint(), 3);
        Ext2 ip = Ext2.ZERO;
        long[] c = g.coefficients();
        for (int i = 0; i < c.length; i++) {
            ip = ip.add(w.get(i).mulBase(c[i]));
        }
        assertEquals(res.maskValue(), ip);
        // final values are the tables' values at the point, as in the plain protocol
        assertEquals(out.finalEvals(), res.result().finalEvals());
        // wire round trip
        ZkSumcheckProof decoded = ZkSumcheckProof.decode(out.proof().encode(), claims);
        assertEquals(out.proof(), decoded);
        ZkSumcheckVerifier.verify(claims, decoded, transcript());
    }

    @Test
    void falseClaimsAndTamperedMessagesAreRejected() throws Exception {
        SplittableRandom rng = new SplittableRandom(2);
        List<SumcheckProver.Instance> inst = instances(rng, 6);
        List<SumcheckClaim> claims = inst.stream().map(SumcheckProver.Instance::toClaim).toList();
        ZkSumcheckProof p = ZkSumcheckProver.prove(inst, mask(6, 3, 2), transcript()).proof();
        List<SumcheckClaim> wrong = new ArrayList<>(claims);
        wrong.set(1, new SumcheckClaim(claims.get(1).numVars(), claims.get(1).form(), claims.get(1).claim().add(Ext2.ONE)));
        assertThrows(VerificationException.class, () -> ZkSumcheckVerifier.verify(wrong, p, transcript()));
        assertThrows(VerificationException.class, () -> ZkSumcheckVerifier.verify(claims,
                new ZkSumcheckProof(p.maskSum().add(Ext2.ONE), p.rounds(), p.finalEvals(), p.maskValue()), transcript()));
        assertThrows(VerificationException.class, () -> ZkSumcheckVerifier.verify(claims,
                new ZkSumcheckProof(p.maskSum(), p.rounds(), p.finalEvals(), p.maskValue().add(Ext2.ONE)), transcript()));
        List<ExtVector> rounds = new ArrayList<>(p.rounds());
        rounds.set(3, ExtVector.of(List.of(rounds.get(3).get(0).add(Ext2.ONE), rounds.get(3).get(1), rounds.get(3).get(2))));
        assertThrows(VerificationException.class,
                () -> ZkSumcheckVerifier.verify(claims, new ZkSumcheckProof(p.maskSum(), rounds, p.finalEvals(), p.maskValue()), transcript()));
        assertThrows(IllegalArgumentException.class, () -> ZkSumcheckProver.prove(instances(rng, 6), mask(6, 2, 3), transcript()));
    }

    /**
     * The round messages do not depend on the witness: for an all-zero instance and a random one with the
     * same (zero) claim, the low 4 bits of every round value over 400 masked proofs pass a χ² test against
     * uniform (15 degrees of freedom, threshold 37.7 ≈ p = 0.001); the plain sumcheck of the all-zero
     * instance sends only zeros.
     */
    @Test
    void roundMessagesAreUniformWhateverTheWitness() throws Exception {
        int n = 5;
        SumOfProducts ab = SumOfProducts.product(2);
        long[] zero = new long[1 << n];
        SplittableRandom rng = new SplittableRandom(3);
        long[] a = FieldVec.random(rng, 1 << n);
        long[] b = FieldVec.random(rng, 1 << n);
        // make Σ a·b = 0 by fixing the last entry of b
        Ext2 partial = Ext2.ofBase(Mle.sum(hadamard(a, b)));
        b[b.length - 1] = 0;
        long s = Mle.sum(hadamard(a, b));
        b[b.length - 1] = io.zkgw.prover.field.Goldilocks.mul(io.zkgw.prover.field.Goldilocks.neg(s),
                io.zkgw.prover.field.Goldilocks.inv(a[a.length - 1]));
        assertEquals(0, Mle.sum(hadamard(a, b)));
        assertTrue(!partial.isZero());
        for (long[][] witness : List.of(new long[][] {zero, zero}, new long[][] {a, b})) {
            long[] hist = new long[16];
            for (int i = 0; i < 400; i++) {
                SumcheckProver.Instance inst = new SumcheckProver.Instance(ab,
                        List.of(io.zkgw.prover.poly.MleTable.ofBase(witness[0]), io.zkgw.prover.poly.MleTable.ofBase(witness[1])), Ext2.ZERO);
                ZkSumcheckProof p = ZkSumcheckProver.prove(List.of(inst), mask(n, 2, 100 + i), transcript()).proof();
                for (ExtVector r : p.rounds()) {
                    for (int k = 0; k < r.size(); k++) {
                        hist[(int) (r.re(k) & 15)]++;
                        hist[(int) (r.im(k) & 15)]++;
                    }
                }
            }
            double chi2 = chiSquare(hist);
            assertTrue(chi2 < 37.7, "χ² = " + chi2);
        }
        SumcheckProver.Instance plain = new SumcheckProver.Instance(ab,
                List.of(io.zkgw.prover.poly.MleTable.ofBase(zero), io.zkgw.prover.poly.MleTable.ofBase(zero)), Ext2.ZERO);
        for (ExtVector r : SumcheckProver.prove(List.of(plain), transcript()).proof().rounds()) {
            for (int k = 0; k < r.size(); k++) {
                assertTrue(r.get(k).isZero(), "the plain sumcheck of zeros sends zeros");
            }
        }
    }

    static long[] hadamard(long[] a, long[] b) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = io.zkgw.prover.field.Goldilocks.mul(a[i], b[i]);
        }
        return out;
    }

    static double chiSquare(long[] hist) {
        long total = 0;
        for (long h : hist) {
            total += h;
        }
        double expected = (double) total / hist.length;
        double chi2 = 0;
        for (long h : hist) {
            chi2 += (h - expected) * (h - expected) / expected;
        }
        return chi2;
    }
}
