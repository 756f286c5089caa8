package io.zkgw.prover.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.inference.CircuitDescription;
import io.zkgw.prover.inference.EpochLink;
import io.zkgw.prover.inference.InferenceProver;
import io.zkgw.prover.inference.InferenceVerifier;
import io.zkgw.prover.inference.ModelCommitment;
import io.zkgw.prover.inference.RequestStatement;
import io.zkgw.prover.inference.Soundness;
import io.zkgw.prover.merkle.MerkleMultiproof;
import io.zkgw.prover.pcs.tensor.TensorCommitment;
import io.zkgw.prover.pcs.tensor.TensorLinkVerifier;
import io.zkgw.prover.pcs.tensor.TensorOpeningProof;
import io.zkgw.prover.pcs.tensor.TensorPcs;
import io.zkgw.prover.pcs.tensor.TensorPcsVerifier;
import io.zkgw.prover.sumcheck.SumcheckProof;
import io.zkgw.prover.sumcheck.SumcheckVerifier;
import io.zkgw.prover.transcript.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The verifiers must be usable without the prover's heavy parts (ledger app, clinician CLI). Walks the
 * class-file constant pools from the verifier entry points — of the core and of inference proofs — and
 * fails if any prover-only class (or ONNX Runtime, or the interpreter) is reachable.
 */
class VerifierDependenciesTest {
    static final List<Class<?>> CORE_ENTRY_POINTS = List.of(SumcheckVerifier.class, TensorPcsVerifier.class,
            MerkleMultiproof.class, Transcript.class, TensorCommitment.class, TensorOpeningProof.class, SumcheckProof.class,
            TensorLinkVerifier.class);
    static final List<Class<?>> INFERENCE_ENTRY_POINTS = List.of(InferenceVerifier.class, CircuitDescription.class,
            ModelCommitment.class, RequestStatement.class, Soundness.class, EpochLink.class);

    static boolean proverOnly(String internalName) {
        String simple = internalName.substring(internalName.lastIndexOf('/') + 1);
        return simple.contains("Prover") || simple.startsWith("MerkleTree") || simple.startsWith("MleTable")
                || simple.startsWith("Parallel") || simple.startsWith("ProofSink") || simple.startsWith("CommittedModel")
                || simple.startsWith("RequesterCommitments") || simple.equals("TensorPcs")
                || internalName.startsWith("java/util/concurrent/ForkJoin") || internalName.startsWith("ai/onnxruntime/")
                || internalName.startsWith("io/zkgw/inference/ort/")
                || internalName.equals("io/zkgw/ir/IntInterpreter");
    }

    static Set<String> reachable(List<Class<?>> from) throws IOException {
        Set<String> seen = new TreeSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>();
        for (Class<?> c : from) {
            todo.add(c.getName().replace('.', '/'));
        }
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (!seen.add(name) || !name.startsWith("io/zkgw/")) {
                continue;
            }
            try (InputStream in = VerifierDependenciesTest.class.getResourceAsStream("/" + name + ".class")) {
                if (in == null) {
                    continue;
                }
                ClassModel model = ClassFile.of().parse(in.readAllBytes());
                for (PoolEntry e : model.constantPool()) {
                    if (e instanceof ClassEntry ce && !ce.asInternalName().startsWith("[")) {
                        todo.add(ce.asInternalName());
                    }
                }
            }
        }
        return seen;
    }

    private static List<String> proverOnlyReachable(Set<String> classes) {
        return classes.stream().filter(VerifierDependenciesTest::proverOnly).toList();
    }

    @Test
    void coreVerifierClassesReachNoProverCode() throws IOException {
        Set<String> all = reachable(CORE_ENTRY_POINTS);
        assertTrue(all.contains("io/zkgw/prover/ntt/ReedSolomon"), "the walk follows references: " + all);
        assertEquals(List.of(), proverOnlyReachable(all), "prover-only classes reachable from verifier entry points");
    }

    @Test
    void theInferenceVerifierReachesNoProverCode() throws IOException {
        Set<String> all = reachable(INFERENCE_ENTRY_POINTS);
        assertTrue(all.contains("io/zkgw/prover/pcs/tensor/TensorPcsVerifier")
                && all.contains("io/zkgw/prover/inference/MaxPoolGadget"), "the walk follows references: " + all);
        assertEquals(List.of(), proverOnlyReachable(all), "prover-only classes reachable from the inference verifier");
    }

    @Test
    void theCheckCanFail() throws IOException {
        // The same walk from prover classes must find prover-only classes, or the tests above prove nothing.
        assertTrue(!proverOnlyReachable(reachable(List.of(TensorPcs.class))).isEmpty(), "from TensorPcs");
        assertTrue(!proverOnlyReachable(reachable(List.of(InferenceProver.class))).isEmpty(), "from InferenceProver");
    }
}
