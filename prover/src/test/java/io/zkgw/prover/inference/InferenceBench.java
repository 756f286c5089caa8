package io.zkgw.prover.inference;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.Witness;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures proof size, prove and verify time per fixture and batch size (a main, not a unit test):
 * {@code java -cp ... io.zkgw.prover.inference.InferenceBench [fixture ...] [--batch 1,8,64] [--reps N] [--compare-zk] [--warmup-pass]
 * [--budget K] [--phases] [--recompute-requests] [--settle]}.
 * Times are medians of N runs after warm-up, on this machine. With --warmup-pass every configuration is run
 * once through the whole measurement before anything is printed, so that the first configuration is not
 * measured while the JIT is still compiling the shared code. With --compare-zk every configuration is
 * measured in the zero-knowledge format and in the plain (non-hiding, test-only) format, interleaved run by
 * run so that machine load affects both alike, and the ratios are printed. --budget sets the zero-knowledge
 * format's proof budget K (default {@link ModelCommitment#DEFAULT_PROOF_BUDGET}). The requests are made as the provider's
 * payload check makes them, so a proof takes the prover's data of C_x and C_r computed there; with
 * --recompute-requests each proof recomputes them from the opening (as before the gateway handed that data on).
 * --phases prints the mean time of each proving phase ({@link ProofPhases}). --settle goes on warming each
 * configuration up until the JIT has been quiet for {@value #SETTLE_QUIET} runs in a row (at most a minute): the
 * steady state of a long-running gateway, which the fixed warm-up does not reach on two cores for the small models.
 */
public final class InferenceBench {
    private InferenceBench() {}

    record Result(int bytes, double proveMs, double verifyMs) {}

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        int[] batches = {1};
        int reps = 10;
        boolean compare = false;
        boolean warmupPass = false;
        int budget = ModelCommitment.DEFAULT_PROOF_BUDGET;
        boolean phases = false;
        boolean recompute = false;
        boolean settle = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> batches = java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--compare-zk" -> compare = true;
                case "--warmup-pass" -> warmupPass = true;
                case "--budget" -> budget = Integer.parseInt(args[++i]);
                case "--phases" -> phases = true;
                case "--recompute-requests" -> recompute = true;
                case "--settle" -> settle = true;
                default -> names.add(args[i]);
            }
        }
        if (names.isEmpty()) {
            names = Fixtures.ALL;
        }
        List<ProofMode> modes = compare ? List.of(ProofMode.ZERO_KNOWLEDGE, ProofMode.PLAIN_TEST_ONLY) : List.of(ProofMode.ZERO_KNOWLEDGE);
        if (compare) {
            System.out.printf("%-15s %5s %10s %10s %7s %10s %10s %7s %9s %9s %7s%n", "model", "B", "zk bytes", "plain B", "size×",
                    "zk prove", "plain pr.", "prove×", "zk verif", "pl. verif", "verify×");
        } else {
            System.out.printf("%-15s %5s %6s %10s %12s %12s %10s%n", "model", "B", "params", "proof B", "prove ms", "prove/inf ms", "verify ms");
        }
        for (int pass = warmupPass ? 0 : 1; pass <= 1; pass++) {
            measure(names, batches, reps, compare, modes, pass == 1, budget, phases, recompute, settle);
        }
    }

    private static void measure(List<String> names, int[] batches, int reps, boolean compare, List<ProofMode> modes, boolean print, int budget,
            boolean phases, boolean recompute, boolean settle) throws Exception {
        for (String name : names) {
            Fixtures.Fixture f = Fixtures.get(name);
            byte[] key = new byte[32];
            key[0] = 1;
            java.util.Map<ProofMode, CommittedModel> cms = new java.util.EnumMap<>(ProofMode.class);
            for (ProofMode m : modes) {
                cms.put(m, CommittedModel.commit(f.model(), key, m, budget));
            }
            for (int batch : batches) {
                java.util.Map<ProofMode, double[]> pt = new java.util.EnumMap<>(ProofMode.class);
                java.util.Map<ProofMode, double[]> vt = new java.util.EnumMap<>(ProofMode.class);
                java.util.Map<ProofMode, Integer> size = new java.util.EnumMap<>(ProofMode.class);
                for (ProofMode m : modes) {
                    pt.put(m, new double[reps]);
                    vt.put(m, new double[reps]);
                }
                ProofPhases recorder = null;
                // warm-up runs first (their index r is negative): at least max(2, reps / 2), and with --settle until
                // the JIT has compiled nothing for SETTLE_QUIET runs in a row (at most SETTLE_CAP_NS), since on a
                // two-core machine a compiler thread busy beside the prover takes its second core
                int warmups = 0;
                int quiet = 0;
                long jit = jitMs();
                long warmStart = System.nanoTime();
                boolean warming = true;
                for (int measured = 0; measured < reps; ) {
                    if (warming && warmups >= Math.max(2, reps / 2)
                            && (!settle || quiet >= SETTLE_QUIET || System.nanoTime() - warmStart > SETTLE_CAP_NS)) {
                        warming = false;
                        if (settle && print) {
                            System.err.printf("%s B=%d: %d warm-up runs, the JIT quiet for the last %d%n", name, batch, warmups, quiet);
                        }
                        if (phases && print) {
                            recorder = ProofPhases.install();
                        }
                    }
                    int r = warming ? -1 - warmups : measured;
                    for (ProofMode m : modes) {
                        CommittedModel cm = cms.get(m);
                        List<Witness> ws = new ArrayList<>();
                        List<RequesterCommitments> rqs = new ArrayList<>();
                        for (int b = 0; b < batch; b++) {
                            long[] x = f.input(b % f.test().rows());
                            ws.add(IntInterpreter.run(f.model(), x));
                            // fresh requester commitments per run: a hiding commitment opens once
                            RequesterCommitments rq = RequesterCommitments.commit(cm.description(), x, new byte[] {(byte) b, (byte) (b >> 8), (byte) r, 9}, m);
                            // as the gateway proves: with the data its payload check computed, or (--recompute-requests) without
                            rqs.add(recompute ? new RequesterCommitments(rq.input(), rq.mask(), rq.opening()) : rq);
                        }
                        long t0 = System.nanoTime();
                        InferenceProof proof = InferenceProver.prove(cm, ws, rqs, 1 + r + 100, true, null);
                        long t1 = System.nanoTime();
                        List<RequestStatement> st = new ArrayList<>();
                        for (int b = 0; b < batch; b++) {
                            st.add(new RequestStatement(rqs.get(b).input(), rqs.get(b).mask(), proof.maskedOutputs().get(b)));
                        }
                        long t2 = System.nanoTime();
                        InferenceVerifier.verify(cm.description(), cm.commitment(), st, proof.bytes(), m);
                        long t3 = System.nanoTime();
                        size.put(m, proof.size());
                        if (!warming) {
                            pt.get(m)[r] = (t1 - t0) / 1e6;
                            vt.get(m)[r] = (t3 - t2) / 1e6;
                        }
                    }
                    if (warming) {
                        warmups++;
                        long now = jitMs();
                        quiet = now == jit ? quiet + 1 : 0;
                        jit = now;
                    } else {
                        measured++;
                    }
                }
                ProofPhases.uninstall();
                ProofMode zk = ProofMode.ZERO_KNOWLEDGE;
                if (!print) {
                    continue;
                }
                if (compare) {
                    ProofMode pl = ProofMode.PLAIN_TEST_ONLY;
                    System.out.printf("%-15s %5d %10d %10d %7.2f %10.1f %10.1f %7.2f %9.1f %9.1f %7.2f%n", name, batch, size.get(zk), size.get(pl),
                            (double) size.get(zk) / size.get(pl), median(pt.get(zk)), median(pt.get(pl)), median(pt.get(zk)) / median(pt.get(pl)),
                            median(vt.get(zk)), median(vt.get(pl)), median(vt.get(zk)) / median(vt.get(pl)));
                } else {
                    double p = median(pt.get(zk));
                    System.out.printf("%-15s %5d %6d %10d %12.1f %12.2f %10.2f%n", name, batch, f.model().parameterCount(), size.get(zk), p,
                            p / batch, median(vt.get(zk)));
                }
                if (recorder != null) {
                    printPhases(recorder, modes);
                }
            }
        }
    }

    /** Mean ms per proof of each phase of the measured runs, per format side by side. */
    private static void printPhases(ProofPhases recorder, List<ProofMode> modes) {
        java.util.Map<String, double[]> rows = new java.util.LinkedHashMap<>();
        for (int i = 0; i < modes.size(); i++) {
            int col = i;
            recorder.meanMs(modes.get(i)).forEach((p, ms) -> rows.computeIfAbsent(p, k -> new double[modes.size()])[col] = ms);
        }
        double[] total = new double[modes.size()];
        rows.forEach((p, ms) -> {
            StringBuilder line = new StringBuilder(String.format("    %-46s", p));
            for (int i = 0; i < ms.length; i++) {
                line.append(String.format(" %9.2f", ms[i]));
                total[i] += ms[i];
            }
            System.out.println(line);
        });
        StringBuilder line = new StringBuilder(String.format("    %-46s", "sum (ms per proof; " + modes + ")"));
        for (double v : total) {
            line.append(String.format(" %9.2f", v));
        }
        System.out.println(line);
    }

    /** Runs in a row without JIT compilation that end a --settle warm-up, and the most time one may take. */
    static final int SETTLE_QUIET = 20;
    static final long SETTLE_CAP_NS = 60_000_000_000L;

    /** Milliseconds the JIT has spent compiling so far in this JVM. */
    static long jitMs() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
