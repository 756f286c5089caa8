package io.zkgw.gateway.job;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The job state machine as a pure function: which transitions exist, and what happens when a worker
 * asks for one. Re-entry is idempotent: asking to move a job to the state it is already in, or to a
 * state it has already passed on its own path, is {@link Verdict#ALREADY_DONE} (a second worker that
 * finished the same step late changes nothing); anything else not in the table is
 * {@link Verdict#ILLEGAL}.
 */
public final class JobTransitions {
    private static final Map<JobState, Set<JobState>> NEXT = new EnumMap<>(JobState.class);

    static {
        NEXT.put(JobState.RECEIVED, EnumSet.of(JobState.DECRYPTED, JobState.REJECTED, JobState.FAILED));
        NEXT.put(JobState.DECRYPTED, EnumSet.of(JobState.ADMITTED, JobState.REJECTED, JobState.FAILED));
        NEXT.put(JobState.ADMITTED, EnumSet.of(JobState.INFERRED, JobState.FAILED));
        NEXT.put(JobState.INFERRED, EnumSet.of(JobState.PROVED, JobState.BATCHED, JobState.FAILED));
        // the one way back: a batch whose leader failed before it signed anything releases its members
        NEXT.put(JobState.BATCHED, EnumSet.of(JobState.CONFIRMED, JobState.INFERRED, JobState.FAILED));
        NEXT.put(JobState.PROVED, EnumSet.of(JobState.SUBMITTED, JobState.FAILED));
        NEXT.put(JobState.REJECTED, EnumSet.of(JobState.SUBMITTED, JobState.FAILED));
        NEXT.put(JobState.SUBMITTED, EnumSet.of(JobState.CONFIRMED, JobState.FAILED));
        NEXT.put(JobState.CONFIRMED, EnumSet.noneOf(JobState.class));
        NEXT.put(JobState.FAILED, EnumSet.noneOf(JobState.class));
    }

    private JobTransitions() {}

    /** What to do with a requested transition. */
    public enum Verdict {
        /** A transition of the table: apply it. */
        APPLY,
        /** The job is already there or past it on the same path: nothing to do, not an error. */
        ALREADY_DONE,
        /** Not a transition of the machine: a bug, refused. */
        ILLEGAL
    }

    public static Set<JobState> next(JobState from) {
        return EnumSet.copyOf(NEXT.get(from).isEmpty() ? EnumSet.noneOf(JobState.class) : NEXT.get(from));
    }

    public static boolean allowed(JobState from, JobState to) {
        return NEXT.get(from).contains(to);
    }

    /** The verdict on moving a job that is in {@code current} to {@code target}. */
    public static Verdict decide(JobState current, JobState target) {
        if (allowed(current, target)) {
            return Verdict.APPLY;
        }
        if (current == target || reachable(target, current)) {
            return Verdict.ALREADY_DONE;
        }
        return Verdict.ILLEGAL;
    }

    /** Whether {@code to} can be reached from {@code from} in one or more transitions. */
    public static boolean reachable(JobState from, JobState to) {
        Set<JobState> seen = EnumSet.noneOf(JobState.class);
        java.util.ArrayDeque<JobState> queue = new java.util.ArrayDeque<>(NEXT.get(from));
        while (!queue.isEmpty()) {
            JobState s = queue.poll();
            if (s == to) {
                return true;
            }
            if (seen.add(s)) {
                queue.addAll(NEXT.get(s));
            }
        }
        return false;
    }

    /** Throws unless the move is {@link Verdict#APPLY}; returns false for {@link Verdict#ALREADY_DONE}. */
    public static boolean require(JobState current, JobState target) {
        return switch (decide(current, target)) {
            case APPLY -> true;
            case ALREADY_DONE -> false;
            case ILLEGAL -> throw new IllegalStateException("job state machine has no transition " + current + " -> " + target);
        };
    }
}
