package io.zkgw.cli;

import io.zkgw.inference.card.ZkmFile;
import io.zkgw.prover.VerificationException;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.inference.CircuitDescription;
import io.zkgw.prover.inference.InferenceVerifier;
import io.zkgw.prover.inference.RequesterCommitments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zkgw verify}: checks a proof against the public statement only (circuit description, model
 * commitment, C_x, C_r, z). Exit 0 when it verifies, 1 with the failed check otherwise. With the
 * requester's mask seed and the model card it also unmasks and prints the prediction.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify an inference proof; optionally unmask the prediction with the requester's seed.")
final class VerifyCommand implements Runnable {
    @Option(names = "--dir", required = true, description = "folder written by zkgw prove")
    Path dir;

    @Option(names = "--mask-seed-file", description = "requester's secret mask seed, to unmask the prediction")
    Path maskSeed;

    @Option(names = "--model", description = "model file (.zkm) whose card labels and scales the prediction")
    Path model;

    @Override
    public void run() {
        CircuitDescription d;
        Statement st;
        byte[] proof;
        try {
            d = CircuitDescription.decode(Files.readAllBytes(dir.resolve(Statement.DESCRIPTION)));
            st = Statement.decode(Files.readString(dir.resolve(Statement.FILE)));
            proof = Files.readAllBytes(dir.resolve(Statement.PROOF));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + dir + ": " + e.getMessage());
        } catch (DecodingException e) {
            throw new IllegalArgumentException("circuit description is malformed: " + e.getMessage());
        }
        long t0 = System.nanoTime();
        try {
            InferenceVerifier.verify(d, st.model(), st.input(), st.mask(), st.z(), proof);
        } catch (VerificationException e) {
            throw new Main.CliFailure("proof REJECTED: " + e.getMessage());
        }
        long t1 = System.nanoTime();
        System.out.printf("OK: proof verified in %.1f ms (%d bytes)%n", (t1 - t0) / 1e6, proof.length);
        if (maskSeed != null) {
            byte[] seed;
            try {
                seed = HexFormat.of().parseHex(Files.readString(maskSeed).trim());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + maskSeed + ": " + e.getMessage());
            }
            long[] y = RequesterCommitments.unmask(st.z(), RequesterCommitments.maskFromSeed(seed, d.outputSize()));
            if (model != null) {
                var m = ZkmFile.read(model);
                ModelCommand.printPrediction(m.card(), new io.zkgw.ir.Witness(new long[0],
                        java.util.List.of(y)));
            } else {
                System.out.println("unmasked output " + java.util.Arrays.toString(y));
            }
        }
    }
}
