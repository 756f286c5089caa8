package io.zkgw.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zkgw.gateway.job.JobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's own metrics (Prometheus at /q/metrics): queue depth, proving time, fees earned,
 * rejections by reason, step failures by error code. Labels are codes, never request data.
 */
@ApplicationScoped
public class GatewayMetrics {
    @Inject
    MeterRegistry registry;

    @Inject
    JobRepository jobs;

    private final AtomicLong queueDepth = new AtomicLong();
    private Timer proving;
    private DistributionSummary batchSizes;
    private Counter feesEarned;

    @jakarta.annotation.PostConstruct
    void init() {
        Gauge.builder("zkgw.jobs.queue.depth", queueDepth, AtomicLong::get)
                .description("jobs not yet CONFIRMED or FAILED").register(registry);
        proving = Timer.builder("zkgw.proving").description("time to make one proof (one job, or one batch)").register(registry);
        batchSizes = DistributionSummary.builder("zkgw.proof.requests").description("requests answered per proof (batch size)")
                .register(registry);
        feesEarned = Counter.builder("zkgw.fees.earned").description("prediction fees paid to this provider")
                .baseUnit("units").register(registry);
    }

    /** Refreshes the queue depth gauge (the worker calls it every poll). */
    public void refreshQueueDepth() {
        queueDepth.set(jobs.countOpen());
    }

    /** One proof of {@code requests} requests (a batch proof when more than one) took {@code d}. */
    public void proved(Duration d, int requests) {
        proving.record(d);
        batchSizes.record(requests);
    }

    public void feeEarned(long amount) {
        feesEarned.increment(amount);
    }

    public void received() {
        Counter.builder("zkgw.requests.received").description("ledger requests taken into jobs").register(registry).increment();
    }

    public void rejected(String reason) {
        Counter.builder("zkgw.jobs.rejected").description("requests rejected, by reason").tag("reason", reason)
                .register(registry).increment();
    }

    public void stepFailed(String step, String error) {
        Counter.builder("zkgw.jobs.step.failures").description("failed step tries, by step and error code")
                .tag("step", step).tag("error", error).register(registry).increment();
    }

    public void stepCompleted(String step) {
        Counter.builder("zkgw.jobs.steps").description("completed steps").tag("step", step).register(registry).increment();
    }
}
