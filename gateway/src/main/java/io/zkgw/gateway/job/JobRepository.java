package io.zkgw.gateway.job;

import io.zkgw.gateway.db.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
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
    /** States in which a worker has something to do. */
    static final EnumSet<JobState> RUNNABLE = EnumSet.complementOf(EnumSet.of(JobState.CONFIRMED, JobState.FAILED));

    @Inject
    Session session;

    /** Inserts a job for a new request; returns the existing job's id if the request is already known. */
    @Transactional
    public UUID insertIfAbsent(JobEntity job) {
        Optional<JobEntity> existing = byRequestId(job.requestId);
        if (existing.isPresent()) {
            return existing.get().id;
        }
        OffsetDateTime now = Timestamps.now();
        job.id = job.id == null ? UUID.randomUUID() : job.id;
        job.state = JobState.RECEIVED;
        job.attempts = 0;
        job.claims = 0;
        job.nextAttemptAt = now;
        job.createdAt = now;
        job.updatedAt = now;
        session.persist(job);
        return job.id;
    }

    @Transactional
    public Optional<JobEntity> byRequestId(String requestId) {
        return session.createSelectionQuery("from JobEntity where requestId = :r", JobEntity.class)
                .setParameter("r", requestId).uniqueResultOptional();
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

    /** Jobs not yet CONFIRMED or FAILED: the queue depth. */
    @Transactional
    public long countRunnable() {
        return session.createSelectionQuery("select count(*) from JobEntity where state in :s", Long.class)
                .setParameter("s", RUNNABLE).getSingleResult();
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

    private static boolean holds(JobEntity j, String owner, OffsetDateTime now) {
        return owner.equals(j.leaseOwner) && j.leaseUntil != null && j.leaseUntil.isAfter(now);
    }
}
