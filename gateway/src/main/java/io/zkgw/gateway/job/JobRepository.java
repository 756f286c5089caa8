package io.zkgw.gateway.job;

import io.zkgw.gateway.db.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.hibernate.Session;

/**
 * The job table. Claims are row-locked ({@code FOR UPDATE SKIP LOCKED}, the same SQL on PostgreSQL and
 * H2) so concurrent workers never claim the same job, and leased, so a worker that dies gives its jobs
 * back when the lease runs out. Every later write is fenced: it happens only while the writer still
 * holds the lease, so a worker that lost its lease (presumed dead, then woke up) cannot overwrite the
 * progress of the worker that took over.
 */
@ApplicationScoped
public class JobRepository {
    /** States in which a worker has something to do (a BATCHED job waits for its leader). */
    static final EnumSet<JobState> RUNNABLE = EnumSet.complementOf(EnumSet.of(JobState.CONFIRMED, JobState.FAILED, JobState.BATCHED));

    @Inject
    Session session;

    /** Inserts a job for a new request; returns the existing job's id if the request is already known. */
    @Transactional
    public UUID insertIfAbsent(JobEntity job) {
        Optional<JobEntity> existing = byRequestId(job.requestId);
        if (existing.isPresent()) {
            return existing.get().id;
        }
        persistNew(job, Timestamps.now());
        return job.id;
    }

    /**
     * Inserts a job for each request that has none yet, with one query for the ones that do (the request feed's
     * group); returns the jobs inserted, in order. A request id given twice gets one job.
     */
    @Transactional
    public List<JobEntity> insertAllAbsent(List<JobEntity> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> known = new HashSet<>(session.createSelectionQuery("select requestId from JobEntity where requestId in :ids", String.class)
                .setParameterList("ids", candidates.stream().map(j -> j.requestId).toList()).getResultList());
        OffsetDateTime now = Timestamps.now();
        List<JobEntity> inserted = new ArrayList<>();
        for (JobEntity j : candidates) {
            if (known.add(j.requestId)) {
                persistNew(j, now);
                inserted.add(j);
            }
        }
        return inserted;
    }

    private void persistNew(JobEntity job, OffsetDateTime now) {
        job.id = job.id == null ? UUID.randomUUID() : job.id;
        job.state = JobState.RECEIVED;
        job.attempts = 0;
        job.claims = 0;
        job.nextAttemptAt = now;
        job.createdAt = now;
        job.updatedAt = now;
        session.persist(job);
    }

    @Transactional
    public Optional<JobEntity> byRequestId(String requestId) {
        return session.createSelectionQuery("from JobEntity where requestId = :r", JobEntity.class)
                .setParameter("r", requestId).uniqueResultOptional();
    }

    /** Which of these request ids already have a job: one query for a whole group (the request feed's). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Set<String> requestIdsWithJobs(Collection<String> requestIds) {
        return new HashSet<>(session.createSelectionQuery("select requestId from JobEntity where requestId in :ids", String.class)
                .setParameterList("ids", requestIds).getResultList());
    }

    @Transactional
    public Optional<JobEntity> find(UUID id) {
        return Optional.ofNullable(session.find(JobEntity.class, id));
    }

    @Transactional
    public List<JobEntity> list(Optional<JobState> state, int limit) {
        if (state.isPresent()) {
            return session.createSelectionQuery("from JobEntity where state = :s order by createdAt desc", JobEntity.class)
                    .setParameter("s", state.get()).setMaxResults(limit).getResultList();
        }
        return session.createSelectionQuery("from JobEntity order by createdAt desc", JobEntity.class)
                .setMaxResults(limit).getResultList();
    }

    /** A requester's other jobs created within {@code window} (recent_requests of the admission rules). */
    @Transactional
    public long countRecentFrom(String requester, UUID except, Duration window) {
        return session.createSelectionQuery(
                        "select count(*) from JobEntity where requester = :r and id <> :id and createdAt > :since", Long.class)
                .setParameter("r", requester).setParameter("id", except)
                .setParameter("since", Timestamps.now().minus(window)).getSingleResult();
    }

    /** Jobs not yet CONFIRMED or FAILED (batch members included): the queue depth. */
    @Transactional
    public long countOpen() {
        return session.createSelectionQuery("select count(*) from JobEntity where state not in :s", Long.class)
                .setParameter("s", EnumSet.of(JobState.CONFIRMED, JobState.FAILED)).getSingleResult();
    }

    /**
     * Claims up to {@code limit} due jobs for {@code owner}: not terminal, due, and not leased (or the
     * lease ran out). Rows another transaction is claiming are skipped, not waited for.
     */
    @Transactional
    public List<UUID> claim(String owner, int limit, Duration lease) {
        OffsetDateTime now = Timestamps.now();
        List<String> states = RUNNABLE.stream().map(Enum::name).toList();
        List<UUID> ids = session.createNativeQuery(
                        "select id from job where state in (:states) and next_attempt_at <= :now"
                                + " and (lease_until is null or lease_until < :now)"
                                + " order by next_attempt_at, id limit :limit for update skip locked", UUID.class)
                .setParameterList("states", states).setParameter("now", now).setParameter("limit", limit)
                .getResultList();
        for (UUID id : ids) {
            JobEntity j = session.find(JobEntity.class, id);
            j.leaseOwner = owner;
            j.leaseUntil = now.plus(lease);
            j.claims++;
            j.updatedAt = now;
        }
        return ids;
    }

    /** The job as its lease holder sees it, or empty if {@code owner} no longer holds it. */
    @Transactional
    public Optional<JobView> viewIfHeld(UUID id, String owner) {
        JobEntity j = session.find(JobEntity.class, id);
        if (j == null || !holds(j, owner, Timestamps.now())) {
            return Optional.empty();
        }
        return Optional.of(JobView.of(j));
    }

    /** What happened to a fenced write. */
    public enum Write { DONE, ALREADY_DONE, LEASE_LOST }

    /**
     * Moves the job from {@code expected} to {@code to} and applies {@code changes}, if {@code owner}
     * still holds it. A transition the job already made is not repeated (idempotent re-entry).
     */
    @Transactional
    public Write advance(UUID id, String owner, JobState expected, JobState to, Consumer<JobEntity> changes, Duration after,
            Duration lease) {
        OffsetDateTime now = Timestamps.now();
        JobEntity j = session.find(JobEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (j == null || !holds(j, owner, now)) {
            return Write.LEASE_LOST;
        }
        if (j.state != expected) {
            // someone else moved it meanwhile; only a state on the same path is acceptable
            JobTransitions.require(j.state, to);
            return Write.ALREADY_DONE;
        }
        if (!JobTransitions.require(j.state, to)) {
            return Write.ALREADY_DONE;
        }
        j.lastErrorCode = null;
        changes.accept(j);
        applyEffects(j, now);
        j.state = to;
        j.attempts = 0;
        j.nextAttemptAt = now.plus(after);
        j.leaseUntil = now.plus(lease);
        j.updatedAt = now;
        return Write.DONE;
    }

    /** Records changes without a transition (a checkpoint inside a step), if {@code owner} holds the job. */
    @Transactional
    public Write checkpoint(UUID id, String owner, Consumer<JobEntity> changes) {
        OffsetDateTime now = Timestamps.now();
        JobEntity j = session.find(JobEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (j == null || !holds(j, owner, now)) {
            return Write.LEASE_LOST;
        }
        changes.accept(j);
        applyEffects(j, now);
        j.updatedAt = now;
        return Write.DONE;
    }

    /** Leaves the job in its state until {@code delay} has passed and gives up the lease. */
    @Transactional
    public Write defer(UUID id, String owner, JobError reason, Duration delay) {
        OffsetDateTime now = Timestamps.now();
        JobEntity j = session.find(JobEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (j == null || !holds(j, owner, now)) {
            return Write.LEASE_LOST;
        }
        j.lastErrorCode = reason.name();
        j.nextAttemptAt = now.plus(delay);
        j.leaseOwner = null;
        j.leaseUntil = null;
        j.updatedAt = now;
        return Write.DONE;
    }

    /**
     * Records a failed try: retried after an exponential backoff while attempts remain, else the job
     * is FAILED. Returns the state the job is left in, or empty if the lease was lost.
     */
    @Transactional
    public Optional<JobState> fail(UUID id, String owner, JobError error, int maxAttempts, Duration backoff) {
        OffsetDateTime now = Timestamps.now();
        JobEntity j = session.find(JobEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (j == null || !holds(j, owner, now)) {
            return Optional.empty();
        }
        j.attempts++;
        j.lastErrorCode = error.name();
        j.leaseOwner = null;
        j.leaseUntil = null;
        j.updatedAt = now;
        if (!error.retryable || j.attempts >= maxAttempts) {
            JobTransitions.require(j.state, JobState.FAILED);
            j.state = JobState.FAILED;
            if (j.batchId != null && j.batchId.equals(j.id)) {
                failBatch(j, error, now);
            }
        } else {
            long factor = 1L << Math.min(j.attempts - 1, 16);
            j.nextAttemptAt = now.plus(backoff.multipliedBy(factor));
        }
        return Optional.of(j.state);
    }

    /** Gives up the lease (the job is due again at once if still runnable). */
    @Transactional
    public void release(UUID id, String owner) {
        JobEntity j = session.find(JobEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (j != null && owner.equals(j.leaseOwner)) {
            j.leaseOwner = null;
            j.leaseUntil = null;
            j.updatedAt = Timestamps.now();
        }
    }

    /** The job's payload row (proof, masked outputs, signed tx), if it has one. */
    @Transactional
    public Optional<JobPayloadEntity> payload(UUID id) {
        return Optional.ofNullable(session.find(JobPayloadEntity.class, id));
    }

    /** The members of the batch led by {@code leader}, in statement order (the leader first). */
    @Transactional
    public List<JobView> batchMembers(UUID leader) {
        return session.createSelectionQuery("from JobEntity where batchId = :b order by batchIndex", JobEntity.class)
                .setParameter("b", leader).getResultStream().map(JobView::of).toList();
    }

    /** How many jobs a batch led by {@code job} could take now (a hint: formBatch decides under row locks). */
    @Transactional
    public long countBatchCandidates(JobView job, long minDeadline) {
        return session.createNativeQuery("select count(*) from job where " + BATCH_CANDIDATES, Long.class)
                .setParameter("m", job.modelId()).setParameter("id", job.id()).setParameter("now", Timestamps.now())
                .setParameter("d", minDeadline).getSingleResult();
    }

    /**
     * Who may join a batch led by job :id (SQL, for the count above and the batch's formation, so that the two
     * cannot disagree): INFERRED jobs of model :m in no batch, not leased by a live worker, whose deadline is at
     * or after :d.
     */
    private static final String BATCH_CANDIDATES = "state = 'INFERRED' and model_id = :m and batch_id is null and id <> :id"
            + " and (lease_until is null or lease_until < :now) and deadline_height >= :d";

    /**
     * Settles the followers of a batch whose tx executed: the ones in {@code fulfilled} CONFIRMED at the
     * tx's height, the others FAILED with REQUEST_CLOSED (their request was no longer pending, so the ledger
     * skipped them). Followers already settled are left alone, so a retry after a crash is harmless.
     */
    private void settleFollowers(JobEntity l, JobEntity.SettleBatch settle, OffsetDateTime now) {
        List<byte[]> outputs = payload(l.id).map(p -> MaskedOutputs.decode(p.maskedOutputs)).orElse(List.of());
        for (JobEntity f : followers(l.id)) {
            if (f.state != JobState.BATCHED) {
                continue;
            }
            if (settle.fulfilled().contains(f.id)) {
                JobTransitions.require(f.state, JobState.CONFIRMED);
                f.state = JobState.CONFIRMED;
                f.txHeight = settle.height();
                f.txHash = l.txHash;
                f.txKind = l.txKind;
                f.modelEpoch = l.modelEpoch;
                f.lastErrorCode = null;
                if (f.batchIndex != null && f.batchIndex < outputs.size()) {
                    f.maskedOutput = outputs.get(f.batchIndex);
                }
                settle.onConfirmed().accept(f);
            } else {
                JobTransitions.require(f.state, JobState.FAILED);
                f.state = JobState.FAILED;
                f.lastErrorCode = JobError.REQUEST_CLOSED.name();
            }
            f.updatedAt = now;
        }
    }

    private List<JobEntity> followers(UUID leader) {
        return session.createSelectionQuery("from JobEntity where batchId = :b and id <> :b order by batchIndex", JobEntity.class)
                .setParameter("b", leader).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /**
     * The leader of a batch failed for good. If a tx of the batch was ever signed, its proof may be public:
     * the members may never be proved again in another batch (that would open their requesters'
     * commitments a second time, docs/inference-proofs.md §11), so they fail with it. Otherwise nothing of
     * the batch left the appliance and the members go back to INFERRED, to be batched again.
     */
    private void failBatch(JobEntity leader, JobError error, OffsetDateTime now) {
        boolean published = leader.txHash != null;
        for (JobEntity f : followers(leader.id)) {
            if (f.state != JobState.BATCHED) {
                continue;
            }
            if (published) {
                JobTransitions.require(f.state, JobState.FAILED);
                f.state = JobState.FAILED;
                f.lastErrorCode = error.name();
            } else {
                JobTransitions.require(f.state, JobState.INFERRED);
                f.state = JobState.INFERRED;
                f.batchId = null;
                f.batchIndex = null;
                f.nextAttemptAt = now;
            }
            f.updatedAt = now;
        }
    }

    /** Applies a step's {@link JobEntity.RowEffects} in the transaction that writes the job row. */
    private void applyEffects(JobEntity j, OffsetDateTime now) {
        JobEntity.RowEffects e = j.effects;
        if (e.proof != null || e.maskedOutputs != null || e.txBytes != null || e.clearTx) {
            JobPayloadEntity p = session.find(JobPayloadEntity.class, j.id);
            if (p == null) {
                p = new JobPayloadEntity();
                p.jobId = j.id;
                session.persist(p);
            }
            if (e.proof != null) {
                p.proof = e.proof;
                j.proofBytes = e.proof.length;
            }
            if (e.maskedOutputs != null) {
                p.maskedOutputs = e.maskedOutputs;
            }
            if (e.txBytes != null || e.clearTx) {
                p.txBytes = e.txBytes;
            }
        }
        if (e.formBatch != null && j.batchId == null) {
            List<UUID> ids = session.createNativeQuery(
                            "select id from job where " + BATCH_CANDIDATES + " order by created_at, id limit :n for update skip locked",
                            UUID.class)
                    .setParameter("m", j.modelId).setParameter("id", j.id).setParameter("now", now)
                    .setParameter("d", e.formBatch.minDeadline()).setParameter("n", e.formBatch.followers()).getResultList();
            if (!ids.isEmpty()) {
                j.batchId = j.id;
                j.batchIndex = 0;
                int index = 1;
                for (UUID id : ids) {
                    JobEntity f = session.find(JobEntity.class, id);
                    JobTransitions.require(f.state, JobState.BATCHED);
                    f.state = JobState.BATCHED;
                    f.batchId = j.id;
                    f.batchIndex = index++;
                    f.leaseOwner = null;
                    f.leaseUntil = null;
                    f.lastErrorCode = null;
                    f.updatedAt = now;
                }
            }
        }
        if (e.settleBatch != null) {
            settleFollowers(j, e.settleBatch, now);
        }
        j.effects.settleBatch = null;
        j.effects.proof = null;
        j.effects.maskedOutputs = null;
        j.effects.txBytes = null;
        j.effects.clearTx = false;
        j.effects.formBatch = null;
    }

    private static boolean holds(JobEntity j, String owner, OffsetDateTime now) {
        return owner.equals(j.leaseOwner) && j.leaseUntil != null && j.leaseUntil.isAfter(now);
    }
}
