package io.zkgw.prover.kat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.hash.Sha256;
import io.zkgw.prover.hash.Sha256Prg;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.pcs.tensor.TensorCommitment;
import io.zkgw.prover.pcs.tensor.TensorOpeningProof;
import io.zkgw.prover.pcs.tensor.TensorLayout;
import io.zkgw.prover.pcs.tensor.TensorPcs;
import io.zkgw.prover.pcs.tensor.TensorPcsParams;
import io.zkgw.prover.pcs.tensor.TensorPcsProver;
import io.zkgw.prover.pcs.tensor.TensorPcsVerifier;
import io.zkgw.prover.pcs.tensor.TensorProverData;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.poly.MleTable;
import io.zkgw.prover.sumcheck.SumOfProducts;
import io.zkgw.prover.sumcheck.SumOfProducts.Term;
import io.zkgw.prover.sumcheck.SumcheckProof;
import io.zkgw.prover.sumcheck.SumcheckProver;
import io.zkgw.prover.sumcheck.SumcheckVerifier;
import io.zkgw.prover.transcript.Transcript;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors pinning the transcript, the sumcheck proof encodings and the tensor PCS commitment
 * and opening-proof encodings (opening versions 3 and 4) for fixed instances. Expected values live in
 * src/test/resources/kat/*.txt. With -Dzkgw.kat.write=true the computed values are written to
 * target/kat/ instead of being compared (for a deliberate protocol version bump, never to "fix" a test).
 */
class KnownAnswerTest {
    static Map<String, String> load(String name) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = KnownAnswerTest.class.getResourceAsStream("/kat/" + name)) {
            assertNotNull(in, "missing resource kat/" + name);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return out;
    }

    static void check(String file, Map<String, String> computed) throws IOException {
        if (Boolean.getBoolean("zkgw.kat.write")) {
            Path dir = Path.of("target", "kat");
            Files.createDirectories(dir);
            StringBuilder sb = new StringBuilder();
            computed.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
            Files.writeString(dir.resolve(file), sb.toString());
            return;
        }
        assertEquals(load(file), computed, "known-answer vectors in kat/" + file + " (a change is a protocol version bump)");
    }

    static String sha256(byte[] b) {
        return HexFormat.of().formatHex(Sha256.hash(b));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void transcriptVectors() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        Transcript t = Transcript.create("zkgw-kat", 1);
        m.put("init.state", t.state().toHex());
        t.absorbBytes("bytes", "hello".getBytes(StandardCharsets.UTF_8));
        t.absorbU64("u64", 42);
        t.absorbField("field", 7);
        t.absorbFields("fields", new long[] {1, 2, 3});
        t.absorbExt("ext", new Ext2(5, 6));
        t.absorbExts("exts", ExtVector.of(new Ext2(1, 2), new Ext2(3, 4)));
        m.put("absorbed.state", t.state().toHex());
        long f = t.challengeField("challenge-field");
        Ext2 e = t.challengeExt("challenge-ext");
        int[] idx = t.challengeIndices("challenge-indices", 8, 1000);
        ByteWriter w = new ByteWriter().field(f).ext(e);
        for (int i : idx) {
            w.u32(i);
        }
        m.put("challenges", hex(w.toByteArray()));
        m.put("final.state", t.state().toHex());
        check("transcript.txt", m);
    }

    @Test
    void sumcheckVectors() throws Exception {
        KatRandom rng = new KatRandom("zkgw-kat-sumcheck");
        Map<String, String> m = new LinkedHashMap<>();
        // Instance A: Σ a·b·c + 3·a·a over 8 variables; instance B: Σ eq-weighted product of two over 5.
        SumOfProducts fa = SumOfProducts.of(3, Term.of(Ext2.ONE, 0, 1, 2), Term.of(Ext2.ofBase(3), 0, 0));
        SumOfProducts fb = SumOfProducts.product(2);
        List<long[]> pa = List.of(rng.elements(256), rng.elements(256), rng.elements(256));
        List<long[]> pb = List.of(rng.elements(32), rng.elements(32));
        SumcheckProver.Instance a = SumcheckProver.Instance.ofBase(fa, pa);
        SumcheckProver.Instance b = SumcheckProver.Instance.ofBase(fb, pb);
        var claims = List.of(a.toClaim(), b.toClaim());
        Transcript t = Transcript.create("zkgw-kat", 1);
        SumcheckProof proof = SumcheckProver.prove(List.of(a, b), t).proof();
        SumcheckVerifier.verify(claims, proof, Transcript.create("zkgw-kat", 1));
        byte[] enc = proof.encode();
        m.put("batched.claims", hex(new ByteWriter().ext(a.claim()).ext(b.claim()).toByteArray()));
        m.put("batched.proof.length", Integer.toString(enc.length));
        m.put("batched.proof.sha256", sha256(enc));
        m.put("batched.transcript.state", t.state().toHex());
        // Single degree-1 instance, exercising the s(0) + s(1) = claim shortcut with D = 1.
        long[] p = rng.elements(16);
        SumcheckProver.Instance single = new SumcheckProver.Instance(SumOfProducts.product(1), List.of(MleTable.ofBase(p)),
                Ext2.ofBase(Mle.sum(p)));
        byte[] enc1 = SumcheckProver.prove(List.of(single), Transcript.create("zkgw-kat", 1)).proof().encode();
        m.put("linear.proof.sha256", sha256(enc1));
        check("sumcheck.txt", m);
    }

    @Test
    void tensorPcsVectors() throws Exception {
        KatRandom rng = new KatRandom("zkgw-kat-pcs");
        Map<String, String> m = new LinkedHashMap<>();
        TensorPcs pcs = TensorPcs.standard();
        List<long[]> polys = List.of(rng.elements(1 << 10), rng.elements(1 << 10), rng.elements(1 << 4), rng.elements(1 << 12));
        List<Integer> sizes = List.of(10, 10, 4, 12);
        TensorProverData data = pcs.commit(polys);
        TensorCommitment c = data.commitment();
        ExtVector z = rng.point(10);
        List<EvalClaim> claims = new ArrayList<>();
        claims.add(new EvalClaim(0, z, Mle.evaluate(polys.get(0), z)));
        claims.add(new EvalClaim(1, z, Mle.evaluate(polys.get(1), z)));
        ExtVector z2 = rng.point(4);
        claims.add(new EvalClaim(2, z2, Mle.evaluate(polys.get(2), z2)));
        ExtVector z3 = rng.point(12);
        claims.add(new EvalClaim(3, z3, Mle.evaluate(polys.get(3), z3)));
        Transcript t = Transcript.create("zkgw-kat", 1);
        TensorOpeningProof proof = pcs.open(data, claims, t);
        byte[] enc = proof.encode();
        pcs.verifyEncoded(c, sizes, claims, enc, Transcript.create("zkgw-kat", 1));
        m.put("commitment", hex(c.encode()));
        m.put("claims.values", hex(new ByteWriter().ext(claims.get(0).value()).ext(claims.get(3).value()).toByteArray()));
        m.put("proof.length", Integer.toString(enc.length));
        m.put("proof.sha256", sha256(enc));
        m.put("transcript.state", t.state().toHex());
        check("tensor-pcs.txt", m);
    }

    /**
     * Hiding tensor PCS (opening version 4): a fixed polynomial committed with a fixed blinding seed (padding, masks
     * and salts come from Sha256Prg), one joint opening with a masks-only commitment, at one point.
     */
    @Test
    void hidingTensorPcsVectors() throws Exception {
        KatRandom rng = new KatRandom("zkgw-kat-pcs-hiding");
        Map<String, String> m = new LinkedHashMap<>();
        TensorPcsProver pcs = new TensorPcsProver(TensorPcsParams.HIDING);
        TensorPcsVerifier verifier = new TensorPcsVerifier(TensorPcsParams.HIDING);
        long[] poly = rng.elements(1 << 11);
        byte[] seed = "zkgw-kat-blinding-seed-0123456789".getBytes(StandardCharsets.UTF_8);
        TensorProverData data = pcs.commitReusable(List.of(poly), seed);
        TensorProverData masks = pcs.commitMasks(data.layout().logCols(), "zkgw-kat-mask-seed-0123456789ab".getBytes(StandardCharsets.UTF_8));
        ExtVector z = rng.point(11);
        List<EvalClaim> claims = List.of(new EvalClaim(0, z, Mle.evaluate(poly, z)));
        Transcript t = Transcript.create("zkgw-kat", 2);
        byte[] enc = pcs.openJoint(List.of(data, masks), claims, t).encode();
        verifier.verifyEncodedJointLayouts(List.of(data.commitment(), masks.commitment()),
                List.of(data.layout(), TensorLayout.masksOnly(TensorPcsParams.HIDING, data.layout().logCols())), claims, enc,
                Transcript.create("zkgw-kat", 2));
        m.put("commitment", hex(data.commitment().encode()));
        m.put("masks.commitment", hex(masks.commitment().encode()));
        m.put("proof.length", Integer.toString(enc.length));
        m.put("proof.sha256", sha256(enc));
        m.put("transcript.state", t.state().toHex());
        check("tensor-pcs-hiding.txt", m);
    }

    /**
     * A hiding prefix commitment (docs/proof-system.md §6.2, as the inference witness uses it since inference version 6):
     * 2^12 variables' worth of width and code, 2,500 live entries, blinding from Sha256Prg, one opening at one point.
     */
    @Test
    void prefixTensorPcsVectors() throws Exception {
        KatRandom rng = new KatRandom("zkgw-kat-pcs-prefix");
        Map<String, String> m = new LinkedHashMap<>();
        TensorPcsProver pcs = new TensorPcsProver(TensorPcsParams.HIDING);
        long[] live = rng.elements(2500);
        byte[] seed = "zkgw-kat-prefix-seed-0123456789ab".getBytes(StandardCharsets.UTF_8);
        TensorProverData data = pcs.commitPrefix(12, live, new Sha256Prg(TensorPcsProver.BLINDING_DOMAIN, seed));
        ExtVector z = rng.point(12);
        List<EvalClaim> claims = List.of(new EvalClaim(0, z, Mle.evaluate(java.util.Arrays.copyOf(live, 1 << 12), z)));
        Transcript t = Transcript.create("zkgw-kat", 2);
        byte[] enc = pcs.open(data, claims, t).encode();
        new TensorPcsVerifier(TensorPcsParams.HIDING).verifyEncodedJointLayouts(List.of(data.commitment()),
                List.of(TensorLayout.ofPrefix(TensorPcsParams.HIDING, 12, 2500)), claims, enc, Transcript.create("zkgw-kat", 2));
        m.put("rows", Integer.toString(data.layout().totalRows()));
        m.put("commitment", hex(data.commitment().encode()));
        m.put("proof.length", Integer.toString(enc.length));
        m.put("proof.sha256", sha256(enc));
        m.put("transcript.state", t.state().toHex());
        check("tensor-pcs-prefix.txt", m);
    }

    /**
     * A weighted claim (docs/proof-system.md §6.4, as the final mask of inference version 7 uses it): a hiding commitment
     * to one polynomial of 7 variables (one row), blinding from Sha256Prg, one opening of ⟨weights, table⟩ = value.
     */
    @Test
    void weightedClaimTensorPcsVectors() throws Exception {
        KatRandom rng = new KatRandom("zkgw-kat-pcs-weighted");
        Map<String, String> m = new LinkedHashMap<>();
        TensorPcsProver pcs = new TensorPcsProver(TensorPcsParams.HIDING);
        long[] table = rng.elements(128);
        byte[] seed = "zkgw-kat-weighted-seed-0123456789".getBytes(StandardCharsets.UTF_8);
        TensorProverData data = pcs.commit(List.of(table), seed);
        ExtVector w = rng.point(128);
        Ext2 value = Ext2.ZERO;
        for (int i = 0; i < table.length; i++) {
            value = value.add(w.get(i).mulBase(table[i]));
        }
        List<EvalClaim> claims = List.of(EvalClaim.ofWeights(0, w, value));
        Transcript t = Transcript.create("zkgw-kat", 2);
        byte[] enc = pcs.open(data, claims, t).encode();
        new TensorPcsVerifier(TensorPcsParams.HIDING).verifyEncoded(data.commitment(), List.of(7), claims, enc, Transcript.create("zkgw-kat", 2));
        m.put("rows", Integer.toString(data.layout().totalRows()));
        m.put("commitment", hex(data.commitment().encode()));
        m.put("proof.length", Integer.toString(enc.length));
        m.put("proof.sha256", sha256(enc));
        m.put("transcript.state", t.state().toHex());
        check("tensor-pcs-weighted.txt", m);
    }

    /** Zero-knowledge sumcheck (version 2): a fixed degree-3 batch masked by a fixed SumcheckMask. */
    @Test
    void zkSumcheckVectors() throws Exception {
        KatRandom rng = new KatRandom("zkgw-kat-zk-sumcheck");
        Map<String, String> m = new LinkedHashMap<>();
        SumOfProducts fa = SumOfProducts.of(3, Term.of(Ext2.ONE, 0, 1, 2), Term.of(Ext2.ofBase(3), 0, 0));
        SumcheckProver.Instance a = SumcheckProver.Instance.ofBase(fa, List.of(rng.elements(256), rng.elements(256), rng.elements(256)));
        SumcheckProver.Instance b = SumcheckProver.Instance.ofBase(SumOfProducts.product(2), List.of(rng.elements(32), rng.elements(32)));
        var claims = List.of(a.toClaim(), b.toClaim());
        io.zkgw.prover.sumcheck.SumcheckMask mask = new io.zkgw.prover.sumcheck.SumcheckMask(8, 3, rng.elements(1 + 8 * 3));
        Transcript t = Transcript.create("zkgw-kat", 2);
        io.zkgw.prover.sumcheck.ZkSumcheckProof proof = io.zkgw.prover.sumcheck.ZkSumcheckProver.prove(List.of(a, b), mask, t).proof();
        io.zkgw.prover.sumcheck.ZkSumcheckVerifier.verify(claims, proof, Transcript.create("zkgw-kat", 2));
        byte[] enc = proof.encode();
        m.put("proof.length", Integer.toString(enc.length));
        m.put("proof.sha256", sha256(enc));
        m.put("transcript.state", t.state().toHex());
        check("sumcheck-zk.txt", m);
    }

    /**
     * The masked batched sumcheck of inference protocol version 4 (MaskedSumcheck): a fixed batch with masked
     * final values and a K-valued masking polynomial; also checks its final relation
     * c_n − Σ ρ_i form_i(finals) = ρ_g·g(r) (no unknown claim parts here).
     */
    @Test
    void maskedSumcheckVectors() throws Exception {
        KatRandom rng = new KatRandom("zkgw-kat-masked-sumcheck");
        Map<String, String> m = new LinkedHashMap<>();
        SumOfProducts fa = SumOfProducts.of(3, Term.of(Ext2.ONE, 0, 1, 2), Term.of(Ext2.ofBase(3), 0, 0));
        SumcheckProver.Instance a = SumcheckProver.Instance.ofBase(fa, List.of(rng.elements(256), rng.elements(256), rng.elements(256)));
        SumcheckProver.Instance b = SumcheckProver.Instance.ofBase(SumOfProducts.product(2), List.of(rng.elements(32), rng.elements(32)));
        long[] mk = rng.elements(6);
        Ext2[] masksA = {new Ext2(mk[0], mk[1]), null, new Ext2(mk[2], mk[3])};
        Ext2[] masksB = {new Ext2(mk[4], mk[5]), null};
        boolean[] ma = {true, false, true};
        int degree = Math.max(io.zkgw.prover.sumcheck.MaskedSumcheck.lastRoundDegree(fa, ma), 3);
        long[] gc = rng.elements(2 * io.zkgw.prover.sumcheck.MaskedSumcheck.maskCoefficients(8, degree));
        Ext2[] g = new Ext2[gc.length / 2];
        for (int j = 0; j < g.length; j++) {
            g[j] = new Ext2(gc[2 * j], gc[2 * j + 1]);
        }
        Transcript t = Transcript.create("zkgw-kat", 4);
        var res = io.zkgw.prover.sumcheck.MaskedSumcheckProver.prove(List.of(
                new io.zkgw.prover.sumcheck.MaskedSumcheckProver.Instance(a, a.claim(), masksA),
                new io.zkgw.prover.sumcheck.MaskedSumcheckProver.Instance(b, b.claim(), masksB)), g, degree, t);
        ByteWriter w = new ByteWriter(1 << 12);
        w.ext(res.maskSum());
        res.rounds().forEach(w::exts);
        res.finals().forEach(w::exts);
        byte[] enc = w.toByteArray();
        java.util.Iterator<ExtVector> parts = new java.util.ArrayList<ExtVector>() {
            {
                add(ExtVector.of(res.maskSum()));
                addAll(res.rounds());
                addAll(res.finals());
            }
        }.iterator();
        var ver = io.zkgw.prover.sumcheck.MaskedSumcheck.verify(List.of(8, 5), List.of(a.claim(), b.claim()), List.of(3, 2), degree,
                (what, count) -> parts.next(), Transcript.create("zkgw-kat", 4));
        assertEquals(res.finalKnown(), ver.finalKnown());
        Ext2 forms = ver.rho().get(0).mul(fa.evaluate(ver.finals().get(0).toList()))
                .add(ver.rho().get(1).mul(SumOfProducts.product(2).evaluate(ver.finals().get(1).toList())));
        Ext2[] wts = io.zkgw.prover.sumcheck.MaskedSumcheck.maskWeights(ver.point(), degree);
        Ext2 gr = Ext2.ZERO;
        for (int j = 0; j < g.length; j++) {
            gr = gr.add(wts[j].mul(g[j]));
        }
        assertEquals(ver.finalKnown().sub(forms), ver.rhoMask().mul(gr), "final relation of the masked sumcheck");
        m.put("degree", Integer.toString(degree));
        m.put("proof.length", Integer.toString(enc.length));
        m.put("proof.sha256", sha256(enc));
        m.put("transcript.state", t.state().toHex());
        check("sumcheck-masked.txt", m);
    }
}
