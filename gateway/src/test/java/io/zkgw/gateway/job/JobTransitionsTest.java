package io.zkgw.gateway.job;

import static io.zkgw.gateway.job.JobState.ADMITTED;
import static io.zkgw.gateway.job.JobState.BATCHED;
import static io.zkgw.gateway.job.JobState.CONFIRMED;
import static io.zkgw.gateway.job.JobState.DECRYPTED;
import static io.zkgw.gateway.job.JobState.FAILED;
import static io.zkgw.gateway.job.JobState.INFERRED;
import static io.zkgw.gateway.job.JobState.PROVED;
import static io.zkgw.gateway.job.JobState.RECEIVED;
import static io.zkgw.gateway.job.JobState.REJECTED;
import static io.zkgw.gateway.job.JobState.SUBMITTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The job state machine's transition table and its re-entry rules, checked exhaustively. */
class JobTransitionsTest {
    /** The table from the issue: happy path, rejection path, FAILED from every live state. */
    private static final Map<JobState, Set<JobState>> EXPECTED = Map.of(
            RECEIVED, EnumSet.of(DECRYPTED, REJECTED, FAILED),
            DECRYPTED, EnumSet.of(ADMITTED, REJECTED, FAILED),
            ADMITTED, EnumSet.of(INFERRED, FAILED),
            INFERRED, EnumSet.of(PROVED, BATCHED, FAILED),
            BATCHED, EnumSet.of(CONFIRMED, INFERRED, FAILED),
            PROVED, EnumSet.of(SUBMITTED, FAILED),
            REJECTED, EnumSet.of(SUBMITTED, FAILED),
            SUBMITTED, EnumSet.of(CONFIRMED, FAILED),
            CONFIRMED, EnumSet.noneOf(JobState.class),
            FAILED, EnumSet.noneOf(JobState.class));

    @Test
    void everyPairIsAllowedExactlyWhenTheTableSaysSo() {
        for (JobState from : JobState.values()) {
            for (JobState to : JobState.values()) {
                assertEquals(EXPECTED.get(from).contains(to), JobTransitions.allowed(from, to), from + " -> " + to);
            }
            assertEquals(EXPECTED.get(from), JobTransitions.next(from), "next(" + from + ")");
        }
    }

    @Test
    void terminalStatesHaveNoWayOut() {
        for (JobState s : JobState.values()) {
            assertEquals(s == CONFIRMED || s == FAILED, s.terminal(), s.name());
            if (s.terminal()) {
                assertTrue(JobTransitions.next(s).isEmpty(), s.name());
            }
        }
    }

    @Test
    void reEntryIsIdempotentAndGoingBackIsIllegal() {
        for (JobState current : JobState.values()) {
            for (JobState target : JobState.values()) {
                JobTransitions.Verdict v = JobTransitions.decide(current, target);
                if (EXPECTED.get(current).contains(target)) {
                    assertEquals(JobTransitions.Verdict.APPLY, v, current + " -> " + target);
                } else if (current == target || JobTransitions.reachable(target, current)) {
                    // a late worker asking for a move the job already made (or passed) changes nothing
                    assertEquals(JobTransitions.Verdict.ALREADY_DONE, v, current + " -> " + target);
                    assertFalse(JobTransitions.require(current, target));
                } else {
                    assertEquals(JobTransitions.Verdict.ILLEGAL, v, current + " -> " + target);
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> JobTransitions.require(current, target));
                    assertTrue(e.getMessage().contains(current + " -> " + target), e.getMessage());
                }
            }
        }
    }

    @Test
    void specificCases() {
        assertEquals(JobTransitions.Verdict.ALREADY_DONE, JobTransitions.decide(SUBMITTED, PROVED));
        assertEquals(JobTransitions.Verdict.ALREADY_DONE, JobTransitions.decide(PROVED, PROVED));
        assertEquals(JobTransitions.Verdict.ILLEGAL, JobTransitions.decide(REJECTED, PROVED));
        assertEquals(JobTransitions.Verdict.ILLEGAL, JobTransitions.decide(PROVED, REJECTED));
        assertEquals(JobTransitions.Verdict.ILLEGAL, JobTransitions.decide(RECEIVED, PROVED));
        assertEquals(JobTransitions.Verdict.ILLEGAL, JobTransitions.decide(CONFIRMED, FAILED));
        assertTrue(JobTransitions.reachable(RECEIVED, CONFIRMED));
        assertFalse(JobTransitions.reachable(CONFIRMED, RECEIVED));
        // a batch member is settled by its leader, never proved or submitted itself
        assertEquals(JobTransitions.Verdict.ILLEGAL, JobTransitions.decide(BATCHED, PROVED));
        assertEquals(JobTransitions.Verdict.ILLEGAL, JobTransitions.decide(BATCHED, SUBMITTED));
        assertEquals(JobTransitions.Verdict.APPLY, JobTransitions.decide(BATCHED, INFERRED));
    }
}
