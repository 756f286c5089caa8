package io.zkgw.cli;

import io.zkgw.commitments.Sha256;
import io.zkgw.cli.clinician.ClinicianClient;
import io.zkgw.cli.clinician.EpochChain;
import io.zkgw.commitments.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zkgw audit verify}: check an exported audit log's hash chain (and its anchored head).
 * {@code zkgw audit epochs}: check on the ledger that every epoch of a model commits to epoch 0's weights.
 */
@Command(name = "audit", description = "Audit checks.", subcommands = {AuditCommand.Verify.class, AuditCommand.Epochs.class})
final class AuditCommand {
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify an exported audit log; exit 1 naming the first bad entry.")
    static final class Verify implements Runnable {
        @Option(names = "--log", required = true, description = "exported log (tab-separated lines)")
        Path log;

        @Option(names = "--head", description = "anchored head hash (hex), to detect a truncated tail")
        String head;

        @Override
        public void run() {
            String text;
            try {
                text = Files.readString(log);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + log + ": " + e.getMessage());
            }
            var entries = AuditLog.parse(text);
            var v = AuditLog.verify(entries, head == null ? null : Sha256.unhex(head, "--head"));
            if (!v.ok()) {
                throw new Main.CliFailure("audit log is NOT intact: entry " + v.badIndex() + ": " + v.reason());
            }
            System.out.println("OK: " + entries.size() + " entries, chain intact" + (head == null ? "" : ", head matches"));
        }
    }

    @Command(name = "epochs", mixinStandardHelpOptions = true,
            description = "Verify, from the ledger, the epoch links of a model: every re-commitment holds the weights"
                    + " committed at registration. Reads are proven by the light client; exit 1 naming the first epoch that fails.")
    static final class Epochs implements Runnable {
        @Option(names = "--model", required = true, paramLabel = "MODEL_ID_HEX", description = "the model id (64 hex digits)")
        String model;

        @picocli.CommandLine.Mixin
        ClinicianOptions chain;

        @Override
        public void run() {
            try (ClinicianClient c = chain.connect()) {
                ClinicianClient.ModelEpochs me = c.modelEpochs(model);
                String id = me.modelId();
                List<EpochChain.EpochResult> results = EpochChain.check(me.circuitDescription(), me.epochs(),
                        e -> c.epochLinks(id, me.epochs().get(e)));
                EpochChain.EpochResult last = results.getLast();
                if (chain.json) {
                    com.fasterxml.jackson.databind.node.ObjectNode n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
                    n.put("model_id", id);
                    n.put("chain_id", c.chainId());
                    n.put("verified", last.ok());
                    com.fasterxml.jackson.databind.node.ArrayNode arr = n.putArray("epochs");
                    for (EpochChain.EpochResult r : results) {
                        com.fasterxml.jackson.databind.node.ObjectNode o = arr.addObject();
                        o.put("epoch", r.epoch());
                        o.put("height", r.height());
                        o.put("proof_budget", r.proofBudget());
                        o.put("proofs_used", r.proofsUsed());
                        o.put("ok", r.ok());
                        if (!r.ok()) {
                            o.put("reason", r.reason());
                        }
                    }
                    System.out.println(n.toString());
                } else {
                    for (EpochChain.EpochResult r : results) {
                        System.out.println("epoch " + r.epoch() + " (height " + r.height() + ", " + r.proofsUsed() + " of " + r.proofBudget()
                                + " proofs used): " + (r.ok() ? (r.epoch() == 0 ? "committed by CommitModel" : "link from epoch " + (r.epoch() - 1)
                                + " verified") : "FAILED: " + r.reason()));
                    }
                }
                if (!last.ok()) {
                    throw new Main.CliFailure("model " + id + ": epoch " + last.epoch() + " does NOT hold the weights of epoch 0: " + last.reason());
                }
                if (!chain.json) {
                    System.out.println("OK: model " + id + ", " + results.size() + " epoch" + (results.size() == 1 ? "" : "s")
                            + ", every one linked to the weights committed at registration");
                }
            }
        }
    }
}
