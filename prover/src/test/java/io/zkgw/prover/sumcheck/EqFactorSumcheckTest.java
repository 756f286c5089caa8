package io.zkgw.prover.sumcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.poly.MleTable;
import io.zkgw.prover.sumcheck.SumOfProducts.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Instances eq(ρ, ·)·inner with the eq factor declared (the zero-checks' and LogUp layers' form): the prover takes the
 * factor out of its round products, and must send exactly what it sends without the declaration.
 */
class EqFactorSumcheckTest {
    private static Ext2 random(SplittableRandom rng) {
        return new Ext2(FieldVec.randomElement(rng), FieldVec.randomElement(rng));
    }

    private static ExtVector point(SplittableRandom rng, int n) {
        List<Ext2> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p.add(random(rng));
        }
        return ExtVector.of(p);
    }

    /** The LogUp layer's form: eq·pL·qR + eq·pR·qL + λ·eq·qL·qR, eq first. */
    private static SumOfProducts layerForm(Ext2 lambda) {
        return SumOfProducts.of(5, Term.of(Ext2.ONE, 0, 1, 4), Term.of(Ext2.ONE, 0, 2, 3), Term.of(lambda, 0, 3, 4));
    }

    /** A zero-check's form with eq last and an inner part of degree 3 and a constant term: eq·(a·b·c − 5·d + 2). */
    private static SumOfProducts cubicForm() {
        return SumOfProducts.of(5, Term.of(Ext2.ONE, 0, 1, 2, 4), Term.of(Ext2.ofBase(5).neg(), 3, 4), Term.of(Ext2.ofBase(2), 4));
    }

    /** Tables for a form: random base tables, table eqAt = eq(ρ, ·) (an extension table). */
    private static List<MleTable> tables(SplittableRandom rng, SumOfProducts form, int eqAt, ExtVector rho, int n) {
        List<MleTable> t = new ArrayList<>();
        for (int k = 0; k < form.numPolys(); k++) {
            if (k == eqAt) {
                long[][] eq = Mle.eqTable(rho);
                t.add(MleTable.ofExt(eq[0], eq[1]));
            } else {
                t.add(MleTable.ofBase(FieldVec.random(rng, 1 << n)));
            }
        }
        return t;
    }

    private static List<MleTable> copies(List<MleTable> t) {
        List<MleTable> out = new ArrayList<>();
        for (MleTable m : t) {
            long[] im = m.im() == null ? new long[m.size()] : java.util.Arrays.copyOf(m.im(), m.size());
            out.add(MleTable.ofExt(java.util.Arrays.copyOf(m.re(), m.size()), im));
        }
        return out;
    }

    /** Two batches, the same but for the eq declaration on the first instance: byte-identical, both verify. */
    private static void assertSameProofs(SumOfProducts form, int eqAt, ExtVector rho, List<MleTable> t, Other other) throws VerificationException {
        int n = rho.size();
        Ext2 claim = SumcheckProver.sum(form, t);
        SumcheckProver.Instance declared = new SumcheckProver.Instance(form, copies(t), claim, eqAt, rho);
        SumcheckProver.Instance plain = new SumcheckProver.Instance(form, copies(t), claim);
        SumcheckProver.Output a = SumcheckProver.prove(List.of(declared, other.instance()), SumcheckTest.transcript(), true);
        SumcheckProver.Output b = SumcheckProver.prove(List.of(plain, other.instance()), SumcheckTest.transcript(), true);
        assertArrayEquals(b.proof().encode(), a.proof().encode(), "n=" + n);
        SumcheckVerifier.verify(List.of(declared.toClaim(), other.instance().toClaim()), a.proof(), SumcheckTest.transcript());
        // the masked prover, with a mask polynomial
        int d = Math.max(form.degree(), other.instance().form().degree());
        Ext2[] g = new Ext2[MaskedSumcheck.maskCoefficients(Math.max(n, other.n()), d)];
        java.util.Arrays.fill(g, Ext2.ofBase(11));
        MaskedSumcheck.Result ma = MaskedSumcheckProver.prove(List.of(new MaskedSumcheckProver.Instance(
                new SumcheckProver.Instance(form, copies(t), claim, eqAt, rho), claim, null), new MaskedSumcheckProver.Instance(other.instance(),
                other.instance().claim(), null)), g, d, SumcheckTest.transcript(), true);
        MaskedSumcheck.Result mb = MaskedSumcheckProver.prove(List.of(new MaskedSumcheckProver.Instance(
                new SumcheckProver.Instance(form, copies(t), claim), claim, null), new MaskedSumcheckProver.Instance(other.instance(),
                other.instance().claim(), null)), g, d, SumcheckTest.transcript(), true);
        assertEquals(mb.rounds(), ma.rounds());
        assertEquals(mb.finals(), ma.finals());
    }

    /** A second instance of the batch (fresh tables each time it is asked for). */
    private record Other(int n, int degree) {
        SumcheckProver.Instance instance() {
            return SumcheckTest.fixture(new SplittableRandom(n * 31L + degree), n, degree).instance();
        }
    }

    @Test
    void declaringTheEqFactorChangesNoByte() throws VerificationException {
        SplittableRandom rng = new SplittableRandom(61);
        // n = 14: several parallel chunks in the first rounds
        for (int n : new int[] {1, 2, 5, 14}) {
            ExtVector rho = point(rng, n);
            SumOfProducts layer = layerForm(random(rng));
            assertSameProofs(layer, 0, rho, tables(rng, layer, 0, rho, n), new Other(Math.max(1, n - 1), 3));
            SumOfProducts cubic = cubicForm();
            assertSameProofs(cubic, 4, rho, tables(rng, cubic, 4, rho, n), new Other(n + 1, 2));
        }
    }

    @Test
    void anEqPointWithACoordinateZeroOrOneFallsBackAndChangesNoByte() throws VerificationException {
        SplittableRandom rng = new SplittableRandom(67);
        ExtVector rho = ExtVector.of(Ext2.ZERO, random(rng), Ext2.ONE, random(rng));
        SumOfProducts layer = layerForm(random(rng));
        assertSameProofs(layer, 0, rho, tables(rng, layer, 0, rho, 4), new Other(4, 3));
    }

    @Test
    void aTableThatIsNotTheDeclaredEqIsCaughtByTheCheckingProver() {
        SplittableRandom rng = new SplittableRandom(71);
        int n = 6;
        ExtVector rho = point(rng, n);
        SumOfProducts layer = layerForm(random(rng));
        List<MleTable> t = tables(rng, layer, 0, point(rng, n), n); // eq of another point
        Ext2 claim = SumcheckProver.sum(layer, t);
        assertThrows(SumcheckProver.FalseClaim.class, () -> SumcheckProver.prove(List.of(new SumcheckProver.Instance(layer, t, claim, 0, rho)),
                SumcheckTest.transcript(), true));
    }

    @Test
    void aDeclarationThatIsNotAFactorOfEveryTermOnceIsRefused() {
        SplittableRandom rng = new SplittableRandom(73);
        ExtVector rho = point(rng, 3);
        SumOfProducts twice = SumOfProducts.of(2, Term.of(Ext2.ONE, 0, 0, 1));
        SumOfProducts missing = SumOfProducts.of(2, Term.of(Ext2.ONE, 0, 1), Term.of(Ext2.ONE, 1));
        for (SumOfProducts f : List.of(twice, missing)) {
            List<MleTable> t = tables(rng, f, 0, rho, 3);
            assertThrows(IllegalArgumentException.class, () -> new SumcheckProver.Instance(f, t, Ext2.ZERO, 0, rho));
        }
        SumOfProducts ok = SumOfProducts.of(2, Term.of(Ext2.ONE, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SumcheckProver.Instance(ok, tables(rng, ok, 0, rho, 3), Ext2.ZERO, 0, point(rng, 2)));
    }
}
