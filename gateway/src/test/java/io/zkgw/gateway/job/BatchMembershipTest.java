package io.zkgw.gateway.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.zkgw.gateway.testing.Fixtures;
import io.zkgw.gateway.testing.KeycloakTestResource;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a batch's membership lives in PostgreSQL (JobRepository): forming takes only INFERRED, unleased jobs
 * of the leader's model with enough deadline left; a leader that fails before any tx was signed gives its
 * members back to INFERRED (nothing of the batch left the appliance); one that fails after signing takes
 * them down with it (their commitments may be opened once only); settling confirms the answered members
 * and fails the skipped ones. Rows are set up directly: what is tested is the repository's bookkeeping.
 */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
class BatchMembershipTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static UUID modelId;
    private static UUID otherModelId;

    @Inject
    JobRepository jobs;

    @Inject
    Session session;

    @BeforeEach
    void models() {
        if (modelId == null) {
            UUID ds = Fixtures.registerDataset(Fixtures.unique("bc"));
            modelId = Fixtures.registerModel(Fixtures.unique("bc-mlp"), ds);
            otherModelId = Fixtures.registerModel(Fixtures.unique("bc-mlp-2"), ds);
        }
    }

    /** A job row in {@code state} for {@code model}, due now and not leased. */
    private UUID job(UUID model, JobState state, long deadline) {
        JobEntity j = new JobEntity();
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        j.requestId = HexFormat.of().formatHex(id);
        j.modelId = model;
        j.chainModelId = new byte[32];
        j.requester = "00".repeat(20);
        j.fee = 10;
        j.requestHeight = 1;
        j.deadlineHeight = deadline;
        j.inputCommitment = new byte[] {1};
        j.maskCommitment = new byte[] {2};
        j.encryptedPayload = new byte[] {3};
        UUID uuid = jobs.insertIfAbsent(j);
        QuarkusTransaction.requiringNew().run(() -> session.find(JobEntity.class, uuid).state = state);
        return uuid;
    }

    private JobEntity row(UUID id) {
        return jobs.find(id).orElseThrow();
    }

    /** Claims exactly {@code leader} for {@code owner} (other due jobs are released again). */
    private void hold(UUID leader, String owner) {
        for (int i = 0; i < 50; i++) {
            List<UUID> got = jobs.claim(owner, 100, Duration.ofMinutes(1));
            for (UUID g : got) {
                if (!g.equals(leader)) {
                    jobs.release(g, owner);
                }
            }
            if (got.contains(leader)) {
                return;
            }
        }
        throw new AssertionError("could not claim " + leader);
    }

    @Test
    void formingTakesOnlyEligibleJobsAndAFailureBeforeSigningReleasesThem() {
        UUID leader = job(modelId, JobState.INFERRED, 1_000);
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(job(modelId, JobState.INFERRED, 1_000));
        }
        UUID nearDeadline = job(modelId, JobState.INFERRED, 50);
        UUID otherModel = job(otherModelId, JobState.INFERRED, 1_000);
        UUID notInferred = job(modelId, JobState.ADMITTED, 1_000);
        String owner = "batch-test-" + UUID.randomUUID();
        hold(leader, owner);
        // the near-deadline job (50 < 100), another model's and an ADMITTED one are never members
        assertEquals(JobRepository.Write.DONE, jobs.checkpoint(leader, owner, j -> j.effects.formBatch(15, 100)));

        JobEntity l = row(leader);
        assertEquals(leader, l.batchId);
        assertEquals(0, l.batchIndex);
        List<JobView> batch = jobs.batchMembers(leader);
        assertEquals(leader, batch.get(0).id());
        assertTrue(batch.stream().map(JobView::id).toList().containsAll(members), "the three eligible jobs joined");
        for (UUID id : List.of(nearDeadline, otherModel, notInferred)) {
            assertNull(row(id).batchId, "not a member: " + id);
        }
        for (UUID m : members) {
            assertEquals(JobState.BATCHED, row(m).state);
            assertEquals(leader, row(m).batchId);
        }
        // a member is not runnable: no worker claims it while its leader works
        List<UUID> claimed = jobs.claim("someone-else", 100, Duration.ofMinutes(1));
        assertTrue(claimed.stream().noneMatch(members::contains), "BATCHED jobs are never claimed");
        claimed.forEach(id -> jobs.release(id, "someone-else"));

        // the leader fails for good before it signed anything: the members are free to be batched again
        jobs.fail(leader, owner, JobError.DEADLINE_PASSED, 5, Duration.ofSeconds(1));
        assertEquals(JobState.FAILED, row(leader).state);
        for (UUID m : members) {
            JobEntity r = row(m);
            assertEquals(JobState.INFERRED, r.state, "released");
            assertNull(r.batchId);
            assertNull(r.batchIndex);
        }
    }

    @Test
    void aLeaderThatSignedTakesItsMembersDownAndSettlingConfirmsOnlyTheAnswered() {
        UUID leader = job(modelId, JobState.INFERRED, 2_000);
        UUID a = job(modelId, JobState.INFERRED, 2_000);
        UUID b = job(modelId, JobState.INFERRED, 2_000);
        String owner = "batch-test-" + UUID.randomUUID();
        hold(leader, owner);
        // the other test's released jobs have deadline 1,000: a bar of 1,500 keeps them out
        jobs.checkpoint(leader, owner, j -> j.effects.formBatch(2, 1_500));
        assertEquals(3, jobs.batchMembers(leader).size());
        jobs.checkpoint(leader, owner, j -> {
            j.effects.proved(new byte[] {7, 7}, MaskedOutputs.encode(List.of(new byte[] {10}, new byte[] {11}, new byte[] {12})));
            j.effects.signed(new byte[] {9});
            j.txHash = "ab".repeat(32);
            j.txKind = "fulfil";
        });
        assertEquals(2, row(leader).proofBytes);
        assertEquals(1, jobs.payload(leader).orElseThrow().txBytes.length);

        // the tx executed at height 40: member a was answered, member b had expired and was skipped
        jobs.checkpoint(leader, owner, j -> j.effects.settleBatch(40, Set.of(leader, a), f -> f.rejectReasonName = "settled-hook"));
        JobEntity ra = row(a);
        assertEquals(JobState.CONFIRMED, ra.state);
        assertEquals(40L, ra.txHeight);
        assertEquals("ab".repeat(32), ra.txHash);
        assertEquals("settled-hook", ra.rejectReasonName, "the confirm hook ran for the member");
        int idx = ra.batchIndex;
        assertEquals(10 + idx, ra.maskedOutput[0], "the member's own masked output");
        assertEquals(JobState.FAILED, row(b).state);
        assertEquals(JobError.REQUEST_CLOSED.name(), row(b).lastErrorCode);
        // settling again changes nothing (a retry after a crash)
        jobs.checkpoint(leader, owner, j -> j.effects.settleBatch(41, Set.of(leader, a, b), f -> f.rejectReasonName = "again"));
        assertEquals(40L, row(a).txHeight);
        assertEquals(JobState.FAILED, row(b).state);

        // another batch whose leader signed and then failed: its members fail with it
        UUID leader2 = job(modelId, JobState.INFERRED, 2_000);
        UUID c = job(modelId, JobState.INFERRED, 2_000);
        hold(leader2, owner);
        jobs.checkpoint(leader2, owner, j -> j.effects.formBatch(1, 1_500));
        assertEquals(leader2, row(c).batchId);
        jobs.checkpoint(leader2, owner, j -> {
            j.effects.signed(new byte[] {1});
            j.txHash = "cd".repeat(32);
        });
        jobs.fail(leader2, owner, JobError.TX_REFUSED, 5, Duration.ofSeconds(1));
        assertEquals(JobState.FAILED, row(c).state, "a member of a signed batch is never proved again elsewhere");
        assertEquals(JobError.TX_REFUSED.name(), row(c).lastErrorCode);
    }
}
