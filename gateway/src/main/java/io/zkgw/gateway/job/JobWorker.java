package io.zkgw.gateway.job;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zkgw.gateway.chain.ChainHeight;
import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.gateway.metrics.GatewayMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs jobs through their steps. Each poll claims due jobs (leased, row-locked) and drives each one
 * step by step until it is done, has to wait, or fails; after every step the new state is committed
 * before the next step starts, so a crash loses at most the step in progress, which the next claim
 * runs again. The worker holds no database transaction while a step runs.
 */
@ApplicationScoped
public class JobWorker {
    private static final Logger LOG = Logger.getLogger(JobWorker.class);

    @Inject
    JobRepository repo;

    @Inject
    GatewayConfig config;

    @Inject
    GatewayMetrics metrics;

    @Inject
    Instance<JobStep> stepBeans;

    @Inject
    ChainHeight chainHeight;

    private volatile Map<JobState, JobStep> steps;

    /** This process's worker identity (a restarted process is a different worker). */
    private final String owner = "gw-" + UUID.randomUUID();

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * Starts zkgw.worker.threads loops (unless zkgw.worker.enabled is false: tests drive the worker
     * themselves with {@link #runOnce}). A loop claims and drives jobs back to back while there are any,
     * and sleeps zkgw.worker.poll-interval when there are none.
     */
    void start(@Observes StartupEvent e) {
        if (!config.worker().enabled()) {
            return;
        }
        int n = config.worker().threads() > 0 ? config.worker().threads() : Runtime.getRuntime().availableProcessors();
        running = true;
        for (int i = 0; i < n; i++) {
            String me = owner + "-" + i;
            Thread t = Thread.ofPlatform().name("zkgw-worker-" + i).daemon(true).start(() -> loop(me));
            threads.add(t);
        }
        LOG.infof("job worker: %d threads", n);
    }

    private void loop(String me) {
        while (running) {
            List<UUID> claimed = List.of();
            try {
                claimed = runOnce(me, null);
            } catch (RuntimeException ex) {
                // the database is unreachable, say: the lease protects the jobs, try again after a pause
                LOG.errorf("job worker: round failed with %s", ex.getClass().getName());
            }
            if (claimed.isEmpty()) {
                try {
                    Thread.sleep(config.worker().pollInterval());
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }
    }

    void stop(@Observes ShutdownEvent e) {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * One round as worker {@code owner}: claims due jobs and processes them. {@code crash}, when not
     * null, is consulted before each step and after each step's work; it lets tests stop the worker at
     * any point as a crash would (the lease is kept, nothing more is written). Returns the claimed ids.
     */
    public List<UUID> runOnce(String owner, CrashPoint crash) {
        metrics.refreshQueueDepth();
        List<UUID> claimed = repo.claim(owner, config.worker().claimBatch(), config.worker().lease());
        for (UUID id : claimed) {
            try {
                process(id, owner, crash);
            } catch (SimulatedCrash c) {
                throw c;
            } catch (RuntimeException e) {
                // a bug or an infrastructure failure (database): log the class, never a message that
                // could quote data; the lease runs out and another round retries the job
                LOG.errorf("job %s: worker error %s", id, e.getClass().getName());
            }
        }
        return claimed;
    }

    private void process(UUID id, String owner, CrashPoint crash) {
        while (true) {
            Optional<JobView> view = repo.viewIfHeld(id, owner);
            if (view.isEmpty()) {
                LOG.warnf("job %s: lease lost; another worker has it", id);
                return;
            }
            JobView job = view.get();
            if (job.state().terminal()) {
                repo.release(id, owner);
                return;
            }
            JobStep step = steps().get(job.state());
            if (step == null) {
                throw new IllegalStateException("no step handles state " + job.state());
            }
            String stepName = job.state().name();
            if (job.txHash() == null && job.state().stage < JobState.SUBMITTED.stage && pastDeadline(job)) {
                // no transaction of ours can reach a block before the deadline any more: stop working
                // on it (the ledger refunds the requester); a recorded tx is left to Submit/Confirm
                repo.fail(id, owner, JobError.DEADLINE_PASSED, 1, config.worker().retryBackoff());
                metrics.stepFailed(stepName, JobError.DEADLINE_PASSED.name());
                LOG.warnf("job %s: deadline height %d reached in %s; job is FAILED", id, job.deadlineHeight(), stepName);
                return;
            }
            if (crash != null) {
                crash.before(job);
            }
            StepResult result;
            try {
                result = step.run(job, changes -> {
                    if (repo.checkpoint(id, owner, changes) == JobRepository.Write.LEASE_LOST) {
                        throw new LeaseLost();
                    }
                });
            } catch (LeaseLost e) {
                LOG.warnf("job %s: lease lost during %s", id, stepName);
                return;
            } catch (StepFailure f) {
                metrics.stepFailed(stepName, f.error().name());
                Optional<JobState> left = repo.fail(id, owner, f.error(), config.worker().maxAttempts(), config.worker().retryBackoff());
                LOG.warnf("job %s: step %s failed with %s (%s); job is %s", id, stepName, f.error(), f.getMessage(),
                        left.map(Enum::name).orElse("held by another worker"));
                return;
            } catch (RuntimeException e) {
                metrics.stepFailed(stepName, JobError.INTERNAL.name());
                Optional<JobState> left = repo.fail(id, owner, JobError.INTERNAL, config.worker().maxAttempts(), config.worker().retryBackoff());
                LOG.errorf("job %s: step %s threw %s; job is %s", id, stepName, e.getClass().getName(),
                        left.map(Enum::name).orElse("held by another worker"));
                return;
            }
            if (crash != null) {
                crash.after(job);
            }
            switch (result) {
                case StepResult.Wait w -> {
                    repo.defer(id, owner, w.reason(), w.delay());
                    return;
                }
                case StepResult.Advance a -> {
                    JobRepository.Write wr = repo.advance(id, owner, job.state(), a.to(), a.changes(), a.after(), config.worker().lease());
                    if (wr == JobRepository.Write.LEASE_LOST) {
                        LOG.warnf("job %s: lease lost before %s -> %s was recorded", id, job.state(), a.to());
                        return;
                    }
                    metrics.stepCompleted(stepName);
                    if (a.to() == JobState.REJECTED) {
                        metrics.rejected(rejectionName(id));
                    }
                    LOG.infof("job %s: %s -> %s", id, job.state(), a.to());
                }
            }
        }
    }

    private boolean pastDeadline(JobView job) {
        var h = chainHeight.latest();
        return h.isPresent() && h.getAsLong() + 1 >= job.deadlineHeight();
    }

    private String rejectionName(UUID id) {
        return repo.find(id).map(j -> j.rejectReasonName).orElse("unknown");
    }

    private Map<JobState, JobStep> steps() {
        Map<JobState, JobStep> s = steps;
        if (s == null) {
            s = new EnumMap<>(JobState.class);
            for (JobStep step : stepBeans) {
                for (JobState st : step.from()) {
                    if (s.put(st, step) != null) {
                        throw new IllegalStateException("two steps handle state " + st);
                    }
                }
            }
            steps = s;
        }
        return s;
    }

    /** Test hook: where a simulated crash may stop the worker. */
    public interface CrashPoint {
        /** Before the step for the job's current state starts. */
        default void before(JobView job) {}

        /** After that step did its work, before its result is recorded. */
        default void after(JobView job) {}
    }

    /** Thrown by a {@link CrashPoint} to stop the worker as a crash would: nothing more is written. */
    public static final class SimulatedCrash extends RuntimeException {
        public SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }

    private static final class LeaseLost extends RuntimeException {}
}
