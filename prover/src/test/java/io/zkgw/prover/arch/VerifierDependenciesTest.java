package io.zkgw.prover.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.merkle.MerkleMultiproof;
import io.zkgw.prover.pcs.tensor.TensorCommitment;
import io.zkgw.prover.pcs.tensor.TensorOpeningProof;
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
 * The verifier must be usable without the prover's heavy parts (ledger app, clinician CLI). Walks the
 * class-file constant pools from the verifier entry points and fails if any prover-only class is
 * reachable.
 */
class VerifierDependenciesTest {
    static final List<Class<?>> ENTRY_POINTS = List.of(SumcheckVerifier.class, TensorPcsVerifier.class, MerkleMultiproof.class,
            Transcript.class, TensorCommitment.class, TensorOpeningProof.class, SumcheckProof.class);

    static boolean proverOnly(String internalName) {
        String simple = internalName.substring(internalName.lastIndexOf('/') + 1);
        return simple.contains("Prover") || simple.startsWith("MerkleTree") || simple.startsWith("MleTable")
                || simple.startsWith("Parallel") || internalName.startsWith("java/util/concurrent/ForkJoin");
    }

    static Set<String> reachable(List<Class<?>> from) throws IOException {
        Set<String> seen = new TreeSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>();
        for (Class<?> c : from) {
            todo.add(c.getName().replace('.', '/'));
        }
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (!seen.add(name) || !name.startsWith("io/zkgw/prover/")) {
                continue;
            }
            try (InputStream in = VerifierDependenciesTest.class.getResourceAsStream("/" + name + ".class")) {
                if (in == null) {
                    continue;
                }
                ClassModel model = ClassFile.of().parse(in.readAllBytes());
                for (PoolEntry e : model.constantPool()) {
                    if (e instanceof ClassEntry ce) {
                        String n = ce.asInternalName();
                        if (!n.startsWith("[")) {
                            todo.add(n);
                        }
                    }
                }
            }
        }
        return seen;
    }

    @Test
    void verifierClassesReachNoProverCode() throws IOException {
        Set<String> all = reachable(ENTRY_POINTS);
        assertTrue(all.contains("io/zkgw/prover/ntt/ReedSolomon"), "the walk follows references: " + all);
        List<String> bad = all.stream().filter(VerifierDependenciesTest::proverOnly).toList();
        assertEquals(List.of(), bad, "prover-only classes reachable from verifier entry points");
    }

    @Test
    void theCheckCanFail() throws IOException {
        // The same walk from a prover class must find prover-only classes, or the test above proves nothing.
        Set<String> fromProver = reachable(List.of(io.zkgw.prover.pcs.tensor.TensorPcs.class));
        assertTrue(fromProver.stream().anyMatch(VerifierDependenciesTest::proverOnly), fromProver.toString());
    }
}
