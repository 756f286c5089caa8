package io.zkgw.prover.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Splits index ranges into chunks for the common fork-join pool. Small ranges run inline: on a 2-core
 * machine forking a few thousand elements costs more than it saves.
 */
public final class Parallel {
    /** Below this many elements a loop runs on the calling thread. */
    public static final int DEFAULT_GRAIN = 1 << 13;

    private Parallel() {}

    /** A body over the half-open index range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** Number of worker threads the common pool offers plus the caller. */
    public static int threads() {
        return Math.max(1, ForkJoinPool.getCommonPoolParallelism() + 1);
    }

    /** Runs body over [0, n) in chunks of at least grain elements, in parallel when n is large enough. */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= grain || threads() == 1) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min((n + grain - 1) / grain, 4 * threads());
        int size = (n + chunks - 1) / chunks;
        int count = (n + size - 1) / size;
        IntStream.range(0, count).parallel().forEach(c -> {
            int from = c * size;
            body.run(from, Math.min(n, from + size));
        });
    }

    /** Number of chunks {@link #forRangeIndexed} will use for n elements. */
    public static int chunkCount(int n, int grain) {
        if (n <= grain || threads() == 1) {
            return 1;
        }
        int chunks = Math.min((n + grain - 1) / grain, 4 * threads());
        int size = (n + chunks - 1) / chunks;
        return (n + size - 1) / size;
    }

    /** A body that also learns its chunk number, for per-chunk partial results. */
    @FunctionalInterface
    public interface IndexedRangeBody {
        void run(int chunk, int from, int to);
    }

    /** Like {@link #forRange} with chunk numbers 0 .. chunkCount(n, grain) - 1. */
    public static void forRangeIndexed(int n, int grain, IndexedRangeBody body) {
        int count = chunkCount(n, grain);
        if (count == 1) {
            body.run(0, 0, n);
            return;
        }
        int size = (n + count - 1) / count;
        IntStream.range(0, count).parallel().forEach(c -> {
            int from = c * size;
            body.run(c, from, Math.min(n, from + size));
        });
    }
}
