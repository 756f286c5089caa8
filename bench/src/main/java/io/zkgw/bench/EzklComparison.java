package io.zkgw.bench;

import io.zkgw.inference.ModelPipeline;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.inference.ort.ExecutionProvider;
import io.zkgw.inference.ort.OrtWitnessRunner;
import io.zkgw.inference.quant.QuantConfig;
import io.zkgw.inference.quant.Evaluation;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.IntModel;
import io.zkgw.ir.Witness;
import io.zkgw.prover.inference.CommittedModel;
import io.zkgw.prover.inference.InferenceProof;
import io.zkgw.prover.inference.InferenceProver;
import io.zkgw.prover.inference.InferenceVerifier;
import io.zkgw.prover.inference.RequestStatement;
import io.zkgw.prover.inference.RequesterCommitments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The zkgw side of {@code bench/ezkl/run.sh} (EZKL vs zkgw on the same ONNX files). One mode per process,
 * so that the driver can measure each step's peak memory with {@code /usr/bin/time -v}; each mode prints
 * one JSON object on stdout (times in ms).
 * <pre>
 * setup --name N --onnx F --calib C --test T --dir D   quantise, write D/N.zkm and D/N.inputs, commit the
 *                                                       weights, test-split accuracy, ORT inference time
 * prove --dir D --name N --row I --reps K               commit (load), then prove and verify row I:
 *                                                       the first call, then (after 2 untimed calls) the
 *                                                       median of K warm calls
 * batch --dir D --name N --batches 1,8,64 --reps K      prove and verify B rows at once: median of K warm
 * </pre>
 * Uses only the public API of the model pipeline and the inference prover.
 */
public final class EzklComparison {
    private EzklComparison() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("mode: setup | prove | batch");
        }
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Map<String, Object> out = switch (args[0]) {
            case "setup" -> setup(a);
            case "prove" -> prove(a);
            case "batch" -> batch(a);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
        System.out.println(json(out));
    }

    // ---------------------------------------------------------------- setup

    static Map<String, Object> setup(Map<String, String> a) throws IOException {
        String name = a.get("name");
        Path dir = Path.of(a.get("dir"));
        Files.createDirectories(dir);
        Map<String, Object> out = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        var q = ModelPipeline.quantize(Path.of(a.get("onnx")), Path.of(a.get("calib")), QuantConfig.DEFAULT, Map.of(), List.of(), name);
        long t1 = System.nanoTime();
        IntModel model = q.quantized().intModel();
        ZkmFile.write(dir.resolve(name + ".zkm"), model, q.card());
        CsvDataset test = CsvDataset.read(Path.of(a.get("test")));
        StringBuilder sb = new StringBuilder();
        for (double[] row : test.features()) {
            long[] x = q.quantized().spec().quantiseInput(row);
            for (int i = 0; i < x.length; i++) {
                sb.append(i == 0 ? "" : " ").append(x[i]);
            }
            sb.append('\n');
        }
        Files.writeString(dir.resolve(name + ".inputs"), sb);
        long t2 = System.nanoTime();
        CommittedModel cm = CommittedModel.commit(model);
        long t3 = System.nanoTime();
        out.put("name", name);
        out.put("params", model.parameterCount());
        out.put("quantise_ms", ms(t0, t1));
        out.put("commit_ms", ms(t2, t3));
        out.put("setup_ms", ms(t0, t1) + ms(t2, t3));
        out.put("model_commitment_bytes", cm.commitment().encode().length);

        try (OrtWitnessRunner ort = new OrtWitnessRunner(model, ExecutionProvider.CPU, 1)) {
            ModelPipeline.Comparison c = ModelPipeline.compare(q.floatModel(), q.quantized(), test, ort);
            out.put("test_rows", c.rows());
            out.put("task", c.quantMetrics().task().toString());
            out.put("float_metric", metric(c.floatMetrics()));
            out.put("quant_metric", metric(c.quantMetrics()));
            out.put("ort_equals_interpreter", c.ortMatches());
        }
        // ORT inference of the integer model (witness run: every op output), warm, 1 and 2 intra-op threads
        long[][] xs = readInputs(dir.resolve(name + ".inputs"));
        for (int threads : new int[] {1, 2}) {
            try (OrtWitnessRunner ort = new OrtWitnessRunner(model, ExecutionProvider.CPU, threads)) {
                out.put("ort_ms_" + threads + "t", timeMedian(() -> ort.run(xs[0]), 0.5));
            }
        }
        out.put("interpreter_ms", timeMedian(() -> IntInterpreter.run(model, xs[0]), 0.5));
        return out;
    }

    static String metric(Evaluation.Metrics m) {
        return m.task() == Evaluation.Task.REGRESSION ? String.format(Locale.ROOT, "R2 %.4f", m.r2())
                : String.format(Locale.ROOT, "%.4f", m.accuracy());
    }

    /** Median wall time of one call, over as many calls as fit in {@code seconds} (at least 20) after a warm-up. */
    static double timeMedian(Runnable r, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; i < 20 || System.nanoTime() < end; i++) {
            r.run();
        }
        List<Double> t = new ArrayList<>();
        end = System.nanoTime() + (long) (seconds * 1e9);
        while (t.size() < 20 || System.nanoTime() < end) {
            long s = System.nanoTime();
            r.run();
            t.add((System.nanoTime() - s) / 1e6);
        }
        return median(t.stream().mapToDouble(Double::doubleValue).toArray());
    }

    // ---------------------------------------------------------------- prove

    static Map<String, Object> prove(Map<String, String> a) throws Exception {
        Path dir = Path.of(a.get("dir"));
        String name = a.get("name");
        int row = Integer.parseInt(a.getOrDefault("row", "0"));
        int reps = Integer.parseInt(a.getOrDefault("reps", "5"));
        Map<String, Object> out = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        IntModel model = ZkmFile.read(dir.resolve(name + ".zkm")).model();
        CommittedModel cm = CommittedModel.commit(model);
        long t1 = System.nanoTime();
        out.put("load_commit_ms", ms(t0, t1));
        long[][] xs = readInputs(dir.resolve(name + ".inputs"));
        List<long[]> rows = List.of(xs[row % xs.length]);
        Run first = proveOnce(cm, model, rows, 0);
        out.put("proof_bytes", first.proof.length);
        out.put("prove_first_ms", first.proveMs);
        out.put("verify_first_ms", first.verifyMs);
        for (int r = 0; r < 2; r++) {
            proveOnce(cm, model, rows, 100 + r); // JIT warm-up, not timed
        }
        double[] p = new double[reps];
        double[] v = new double[reps];
        for (int r = 0; r < reps; r++) {
            Run run = proveOnce(cm, model, rows, r + 1);
            p[r] = run.proveMs;
            v[r] = run.verifyMs;
        }
        out.put("prove_ms", median(p));
        out.put("verify_ms", median(v));
        out.put("prove_ms_all", p);
        out.put("verify_ms_all", v);
        Files.write(dir.resolve(name + ".proof"), first.proof);
        return out;
    }

    record Run(byte[] proof, double proveMs, double verifyMs) {}

    /** Witness (interpreter) + proof, timed together; then verification. Requester commitments are not timed. */
    static Run proveOnce(CommittedModel cm, IntModel model, List<long[]> rows, long seed) throws Exception {
        List<RequesterCommitments> rqs = new ArrayList<>();
        for (int b = 0; b < rows.size(); b++) {
            rqs.add(RequesterCommitments.commit(cm.description(), rows.get(b), new byte[] {(byte) b, (byte) (b >> 8), (byte) seed}));
        }
        long t0 = System.nanoTime();
        List<Witness> ws = new ArrayList<>();
        for (long[] x : rows) {
            ws.add(IntInterpreter.run(model, x));
        }
        InferenceProof proof = InferenceProver.prove(cm, ws, rqs, seed);
        long t1 = System.nanoTime();
        List<RequestStatement> st = new ArrayList<>();
        for (int b = 0; b < rows.size(); b++) {
            st.add(new RequestStatement(rqs.get(b).input(), rqs.get(b).mask(), proof.maskedOutputs().get(b)));
        }
        long t2 = System.nanoTime();
        InferenceVerifier.verify(cm.description(), cm.commitment(), st, proof.bytes());
        long t3 = System.nanoTime();
        return new Run(proof.bytes(), ms(t0, t1), ms(t2, t3));
    }

    // ---------------------------------------------------------------- batch

    static Map<String, Object> batch(Map<String, String> a) throws Exception {
        Path dir = Path.of(a.get("dir"));
        String name = a.get("name");
        int reps = Integer.parseInt(a.getOrDefault("reps", "5"));
        int[] batches = Arrays.stream(a.getOrDefault("batches", "1,8,64").split(",")).mapToInt(Integer::parseInt).toArray();
        IntModel model = ZkmFile.read(dir.resolve(name + ".zkm")).model();
        CommittedModel cm = CommittedModel.commit(model);
        long[][] xs = readInputs(dir.resolve(name + ".inputs"));
        List<Object> res = new ArrayList<>();
        for (int batch : batches) {
            List<long[]> rows = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                rows.add(xs[b % xs.length]);
            }
            int warm = Math.max(1, Math.min(3, reps / 2));
            Run last = null;
            for (int r = 0; r < warm; r++) {
                last = proveOnce(cm, model, rows, 100 + r);
            }
            double[] p = new double[reps];
            double[] v = new double[reps];
            for (int r = 0; r < reps; r++) {
                last = proveOnce(cm, model, rows, r);
                p[r] = last.proveMs;
                v[r] = last.verifyMs;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batch", batch);
            m.put("proof_bytes", last.proof.length);
            m.put("prove_ms", median(p));
            m.put("prove_ms_per_inference", median(p) / batch);
            m.put("verify_ms", median(v));
            m.put("proof_bytes_per_inference", (double) last.proof.length / batch);
            res.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("batches", res);
        return out;
    }

    // ---------------------------------------------------------------- helpers

    static long[][] readInputs(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                .map(l -> Arrays.stream(l.trim().split(" ")).mapToLong(Long::parseLong).toArray()).toArray(long[][]::new);
    }

    static double ms(long t0, long t1) {
        return (t1 - t0) / 1e6;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static String json(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (var e : m.entrySet()) {
                sb.append(sb.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":").append(json(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object x : l) {
                sb.append(sb.length() > 1 ? "," : "").append(json(x));
            }
            return sb.append(']').toString();
        }
        if (o instanceof double[] d) {
            StringBuilder sb = new StringBuilder("[");
            for (double x : d) {
                sb.append(sb.length() > 1 ? "," : "").append(json(x));
            }
            return sb.append(']').toString();
        }
        if (o instanceof Double d) {
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.4f", d) : "null";
        }
        if (o instanceof Number || o instanceof Boolean) {
            return o.toString();
        }
        return '"' + String.valueOf(o).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
