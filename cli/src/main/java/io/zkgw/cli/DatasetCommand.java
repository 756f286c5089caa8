package io.zkgw.cli;

import io.zkgw.commitments.Sha256;
import io.zkgw.commitments.dataset.DatasetCommitment;
import io.zkgw.commitments.dataset.DatasetCommitter;
import io.zkgw.commitments.dataset.RecordProof;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkgw dataset ...}: commit a dataset file, prove one record to an auditor, verify such a proof. */
@Command(name = "dataset", description = "Dataset commitments and per-record inclusion proofs.",
        subcommands = {DatasetCommand.Keygen.class, DatasetCommand.Commit.class, DatasetCommand.Prove.class,
                DatasetCommand.Verify.class})
final class DatasetCommand {

    static byte[] readKey(Path keyFile) {
        try {
            byte[] k = HexFormat.of().parseHex(Files.readString(keyFile).trim());
            if (k.length != 32) {
                throw new IllegalArgumentException("salt key file " + keyFile + " must hold 64 hex digits");
            }
            return k;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read salt key file " + keyFile + ": " + e.getMessage());
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true, description = "Create a secret record-salt key (mode 600).")
    static final class Keygen implements Runnable {
        @Option(names = "--out", required = true, description = "key file to create")
        Path out;

        @Override
        public void run() {
            if (Files.exists(out)) {
                throw new IllegalArgumentException(out + " exists; refusing to overwrite a salt key");
            }
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            try {
                Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(out, HexFormat.of().formatHex(k) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("wrote salt key " + out);
        }
    }

    @Command(name = "commit", mixinStandardHelpOptions = true,
            description = "Stream a dataset file (header + one record per line) and print its commitment.")
    static final class Commit implements Runnable {
        @Option(names = "--data", required = true)
        Path data;

        @Option(names = "--key-file", required = true, description = "secret record-salt key (zkgw dataset keygen)")
        Path keyFile;

        @Override
        public void run() {
            DatasetCommitment c = new DatasetCommitter(readKey(keyFile)).commit(data).commitment();
            System.out.println("root    " + Sha256.hex(c.root()));
            System.out.println("records " + c.recordCount());
            System.out.println("schema  " + Sha256.hex(c.schemaHash()));
        }
    }

    @Command(name = "prove", mixinStandardHelpOptions = true, description = "Write the inclusion proof of one record.")
    static final class Prove implements Runnable {
        @Option(names = "--data", required = true)
        Path data;

        @Option(names = "--key-file", required = true)
        Path keyFile;

        @Option(names = "--record", required = true, description = "0-based record index (header excluded)")
        long record;

        @Option(names = "--out", required = true)
        Path out;

        @Override
        public void run() {
            DatasetCommitter committer = new DatasetCommitter(readKey(keyFile));
            var committed = committer.commit(data);
            RecordProof p = committer.prove(committed, data, record);
            try {
                Files.writeString(out, p.encode());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("wrote proof of record " + record + " of " + p.treeSize() + " to " + out);
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a record proof against a dataset commitment; exit 1 if it does not hold.")
    static final class Verify implements Runnable {
        @Option(names = "--root", required = true)
        String root;

        @Option(names = "--records", required = true)
        long records;

        @Option(names = "--schema", required = true)
        String schema;

        @Option(names = "--proof", required = true)
        Path proof;

        @Override
        public void run() {
            DatasetCommitment c = new DatasetCommitment(Sha256.unhex(root, "--root"), records,
                    Sha256.unhex(schema, "--schema"));
            RecordProof p;
            try {
                p = RecordProof.decode(Files.readString(proof));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read proof " + proof + ": " + e.getMessage());
            }
            if (!p.verify(c)) {
                throw new Main.CliFailure("record proof does NOT match the commitment");
            }
            System.out.println("OK: record " + p.index() + " is in the committed dataset");
        }
    }
}
