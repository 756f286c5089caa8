package io.zkgw.cli;

import io.zkgw.inference.InferenceException;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.Witness;
import io.zkgw.inference.ort.OrtWitnessRunner;
import io.zkgw.prover.inference.CommittedModel;
import io.zkgw.prover.inference.InferenceProof;
import io.zkgw.prover.inference.InferenceProver;
import io.zkgw.prover.inference.RequesterCommitments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code zkgw prove}: one local round of the protocol. As the requester it quantises an input row and
 * commits to it and to a mask from a secret seed; as the provider it runs the integer model on ONNX
 * Runtime and proves z = M_W(x) + r. Writes the public statement and proof (for {@code zkgw verify}) and
 * the requester's secret seed to the output folder.
 */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = "Prove one inference of a .zkm model on a CSV row; write statement, proof and mask seed.")
final class ProveCommand implements Runnable {
    @Mixin
    InputRowOptions in;

    @Option(names = "--out", required = true, description = "folder for statement, proof and requester secret")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "prover seed (default 0)")
    long seed;

    @Override
    public void run() {
        var loaded = in.load();
        var m = loaded.model();
        long[] x = loaded.input();

        long t0 = System.nanoTime();
        CommittedModel committed = CommittedModel.commit(m.model());
        long t1 = System.nanoTime();
        byte[] maskSeed = new byte[32];
        new SecureRandom().nextBytes(maskSeed);
        RequesterCommitments request = RequesterCommitments.commit(committed.description(), x, maskSeed);
        Witness w;
        try (OrtWitnessRunner ort = new OrtWitnessRunner(m.model(), in.provider(), 0)) {
            w = ort.run(x);
        }
        if (!w.sameAs(IntInterpreter.run(m.model(), x))) {
            throw new InferenceException("ONNX Runtime and the reference interpreter disagree; refusing to prove");
        }
        long t2 = System.nanoTime();
        InferenceProof proof = InferenceProver.prove(committed, w, request, seed);
        long t3 = System.nanoTime();

        Statement st = new Statement(committed.commitment(), request.input(), request.mask(), proof.maskedOutputs().get(0));
        try {
            Files.createDirectories(out);
            Files.write(out.resolve(Statement.DESCRIPTION), committed.description().encode());
            Files.writeString(out.resolve(Statement.FILE), st.encode());
            Files.write(out.resolve(Statement.PROOF), proof.bytes());
            Files.writeString(out.resolve(Statement.SECRET), HexFormat.of().formatHex(maskSeed) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("model commit  %.1f ms (once per model: C_W over %d parameters)%n", (t1 - t0) / 1e6,
                m.model().parameterCount());
        System.out.printf("witness       %.1f ms (requester commitments + ONNX Runtime)%n", (t2 - t1) / 1e6);
        System.out.printf("prove         %.1f ms%n", (t3 - t2) / 1e6);
        System.out.printf("proof         %d bytes -> %s%n", proof.size(), out.resolve(Statement.PROOF));
        System.out.println("statement     " + out.resolve(Statement.FILE) + " (public); requester secret "
                + out.resolve(Statement.SECRET));
    }
}
