package io.zkgw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkgw.cli.clinician.ClinicianClient;
import io.zkgw.cli.clinician.ClinicianException;
import io.zkgw.cli.clinician.Prediction;
import io.zkgw.cli.clinician.ProgressListener;
import io.zkgw.cli.clinician.RequestResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkgw result}: how a request ended. Waits (progress on stderr), verifies the fulfilment's proof
 * itself and only then unmasks and prints the prediction. Exit 0 when the request closed (fulfilled,
 * rejected or expired), 1 on an error, 3 when it is still pending at the end of the wait.
 */
@Command(name = "result", mixinStandardHelpOptions = true,
        description = {"Wait for the hospital's answer to a request, verify its proof here and print the prediction"
                + " (or the rejection reason, or the expiry refund).",
                "Exit 0: closed; 1: error; 3: still pending when the wait ended."})
final class ResultCommand implements Callable<Integer> {
    static final int EXIT_PENDING = 3;

    @Parameters(index = "0", paramLabel = "REQUEST_ID", description = "the id printed by 'zkgw request'")
    String requestId;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "how long to wait: 90s, 10m, 1h, 0 (look once); default: until the request closes"
                    + " (at the latest at its deadline block)")
    Duration wait;

    @Mixin
    ClinicianOptions chain;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        Progress progress = new Progress(err);
        RequestResult r;
        try (ClinicianClient c = chain.connect()) {
            try {
                r = c.awaitResult(requestId, wait, progress);
            } finally {
                progress.done();
            }
        } catch (ClinicianException e) {
            if (e.kind() != ClinicianException.Kind.STILL_PENDING) {
                throw e;
            }
            if (chain.json) {
                ObjectNode n = new ObjectMapper().createObjectNode();
                n.put("request_id", requestId.toLowerCase(Locale.ROOT));
                n.put("status", "pending");
                n.put("height", progress.height);
                n.put("deadline_height", progress.deadline);
                System.out.println(n.toString());
            }
            err.println("zkgw: " + e.getMessage());
            return EXIT_PENDING;
        }
        if (chain.json) {
            System.out.println(json(r).toString());
        } else {
            print(r);
        }
        return 0;
    }

    static ObjectNode json(RequestResult r) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("request_id", r.requestId());
        switch (r) {
            case RequestResult.Fulfilled f -> {
                Prediction p = f.prediction();
                n.put("status", "fulfilled");
                n.put("height", f.height());
                n.put("tx_hash", f.txHash());
                n.put("proof_verified", f.proofVerified());
                if (p.isClassification()) {
                    n.put("class_index", p.classIndex());
                    n.put("label", p.label());
                    n.put("confidence", p.confidence());
                } else {
                    n.putNull("class_index");
                    n.putNull("label");
                    n.putNull("confidence");
                }
                ArrayNode labels = n.putArray("labels");
                p.labels().forEach(labels::add);
                ArrayNode scores = n.putArray("scores");
                for (double v : p.scores()) {
                    scores.add(v);
                }
                ArrayNode probs = n.putArray("probabilities");
                for (double v : p.probabilities()) {
                    probs.add(v);
                }
                ArrayNode out = n.putArray("output");
                for (long v : p.output()) {
                    out.add(v);
                }
                n.put("fee", f.fee());
            }
            case RequestResult.Rejected j -> {
                n.put("status", "rejected");
                n.put("height", j.height());
                if (j.txHash() == null) {
                    n.putNull("tx_hash");
                } else {
                    n.put("tx_hash", j.txHash());
                }
                n.put("reason_code", j.reasonCode());
                n.put("reason_name", j.reasonName());
                n.put("refund", j.refund());
            }
            case RequestResult.Expired x -> {
                n.put("status", "expired");
                n.put("height", x.height());
                n.put("refund", x.refund());
            }
        }
        return n;
    }

    static void print(RequestResult r) {
        PrintStream out = System.out;
        out.println("request      " + r.requestId());
        switch (r) {
            case RequestResult.Fulfilled f -> {
                Prediction p = f.prediction();
                out.println("status       fulfilled at height " + f.height() + " (tx " + f.txHash() + ")");
                out.println("proof        proof verified (here, against the model's committed weights and circuit"
                        + " and this request's commitments)");
                if (p.isClassification()) {
                    out.printf(Locale.ROOT, "prediction   %s (class %d, p=%.4f)%n", p.label(), p.classIndex(), p.confidence());
                } else {
                    out.printf(Locale.ROOT, "prediction   %.6g%n", p.scores()[0]);
                }
                StringBuilder sb = new StringBuilder();
                double[] s = p.scores();
                for (int i = 0; i < s.length; i++) {
                    String name = i < p.labels().size() ? p.labels().get(i) : Integer.toString(i);
                    sb.append(i == 0 ? "" : ", ").append(s.length == 1 && p.isClassification() ? "logit" : name)
                            .append(String.format(Locale.ROOT, " %.4f", s[i]));
                }
                out.println("scores       " + sb);
                out.println("fee          " + f.fee() + " paid to the hospital");
            }
            case RequestResult.Rejected j -> {
                out.println("status       rejected at height " + j.height() + (j.txHash() == null ? "" : " (tx " + j.txHash() + ")"));
                out.println("reason       " + j.reasonCode() + " " + j.reasonName());
                out.println("refund       " + j.refund() + " returned to you");
            }
            case RequestResult.Expired x -> {
                out.println("status       expired at height " + x.height() + " (no answer by the deadline)");
                out.println("refund       " + x.refund() + " returned to you");
            }
        }
    }

    /** "waiting for the hospital … height N" on stderr: one updating line on a terminal, else a line every 5 s. */
    static final class Progress implements ProgressListener {
        private final PrintStream err;
        private final boolean terminal = System.console() != null;
        private long lastLine;
        private boolean open;
        long height = -1;
        long deadline = -1;

        Progress(PrintStream err) {
            this.err = err;
        }

        @Override
        public void waiting(long h, long deadlineHeight) {
            height = h;
            deadline = deadlineHeight;
            String line = "waiting for the hospital … height " + h + " (deadline " + deadlineHeight + ")";
            if (terminal) {
                err.print("\r" + line + "   ");
                err.flush();
                open = true;
            } else if (System.nanoTime() - lastLine > 5_000_000_000L || lastLine == 0) {
                err.println(line);
                lastLine = System.nanoTime();
            }
        }

        @Override
        public void note(String message) {
            done();
            err.println("zkgw: note: " + message);
        }

        void done() {
            if (open) {
                err.println();
                open = false;
            }
        }
    }
}
