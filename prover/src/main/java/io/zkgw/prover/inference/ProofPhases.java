package io.zkgw.prover.inference;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall-clock time per phase of the proofs made while a recorder is installed, for the benchmark harness
 * ({@code InferenceBench --phases}); off, a phase mark costs one volatile read and one clock read. Phases are
 * sequential on the proving thread, so work forked to another worker shows up only as the wait for it.
 */
final class ProofPhases {
    private static volatile ProofPhases recorder;

    private final Map<ProofMode, Map<String, long[]>> byMode = new EnumMap<>(ProofMode.class);

    /** Starts recording into a fresh recorder (replacing any), and returns it. */
    static ProofPhases install() {
        ProofPhases r = new ProofPhases();
        recorder = r;
        return r;
    }

    static void uninstall() {
        recorder = null;
    }

    /** Ends the phase that began at {@code since}: adds its time to the installed recorder, if any; returns now. */
    static long mark(long since, ProofMode mode, String phase) {
        long now = System.nanoTime();
        ProofPhases r = recorder;
        if (r != null) {
            r.add(mode, phase, now - since);
        }
        return now;
    }

    private synchronized void add(ProofMode mode, String phase, long nanos) {
        long[] v = byMode.computeIfAbsent(mode, m -> new LinkedHashMap<>()).computeIfAbsent(phase, p -> new long[2]);
        v[0] += nanos;
        v[1]++;
    }

    /** Mean milliseconds per occurrence of each phase, in the order the phases were first seen. */
    synchronized Map<String, Double> meanMs(ProofMode mode) {
        Map<String, Double> out = new LinkedHashMap<>();
        byMode.getOrDefault(mode, Map.of()).forEach((p, v) -> out.put(p, v[0] / 1e6 / v[1]));
        return out;
    }
}
