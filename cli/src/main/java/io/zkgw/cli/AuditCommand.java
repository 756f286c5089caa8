package io.zkgw.cli;

import io.zkgw.commitments.Sha256;
import io.zkgw.commitments.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkgw audit verify}: check an exported audit log's hash chain (and its anchored head). */
@Command(name = "audit", description = "Audit-log checks.", subcommands = AuditCommand.Verify.class)
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
}
