package io.zkgw.prover.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The inference verifier must run without prover code (ledger app, clinician CLI): walks the class-file
 * constant pools from its entry points and fails if a prover-only class (or ONNX Runtime, or the
 * interpreter) is reachable.
 */
class VerifierDependenciesTest {
    static final List<Class<?>> ENTRY_POINTS = List.of(InferenceVerifier.class, CircuitDescription.class, ModelCommitment.class,
            RequestStatement.class, Soundness.class);

    static boolean proverOnly(String internalName) {
        String simple = internalName.substring(internalName.lastIndexOf('/') + 1);
        return simple.contains("Prover") || simple.startsWith("MerkleTree") || simple.startsWith("MleTable")
                || simple.startsWith("Parallel") || simple.startsWith("ProofSink") || simple.startsWith("CommittedModel")
                || simple.startsWith("RequesterCommitments") || simple.equals("TensorPcs")
                || internalName.startsWith("java/util/concurrent/ForkJoin") || internalName.startsWith("ai/onnxruntime/")
                || internalName.startsWith("io/zkgw/inference/ort/") || internalName.equals("io/zkgw/inference/integer/IntInterpreter");
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

    @Test
    void theInferenceVerifierReachesNoProverCode() throws IOException {
        Set<String> all = reachable(ENTRY_POINTS);
        assertTrue(all.contains("io/zkgw/prover/pcs/tensor/TensorPcsVerifier") && all.contains("io/zkgw/prover/inference/MaxPoolGadget"),
                "the walk follows references: " + all);
        assertEquals(List.of(), all.stream().filter(VerifierDependenciesTest::proverOnly).toList(),
                "prover-only classes reachable from the inference verifier");
    }

    @Test
    void theCheckCanFail() throws IOException {
        Set<String> fromProver = reachable(List.of(InferenceProver.class));
        assertTrue(fromProver.stream().anyMatch(VerifierDependenciesTest::proverOnly), "the prover must reach prover-only classes");
    }
}
