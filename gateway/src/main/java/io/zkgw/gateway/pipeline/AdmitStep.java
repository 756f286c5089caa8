package io.zkgw.gateway.pipeline;

import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.gateway.inference.AdmissionPolicy;
import io.zkgw.gateway.inference.JobInputs;
import io.zkgw.gateway.inference.RequestRejected;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.job.JobStep;
import io.zkgw.gateway.job.JobView;
import io.zkgw.gateway.job.StepResult;
import io.zkgw.gateway.model.ModelEntity;
import io.zkgw.gateway.model.ModelRegistry;
import io.zkgw.gateway.model.ModelService;
import io.zkgw.inference.card.ModelCard;
import io.zkgw.inference.quant.QuantSpec;
import io.zkgw.policy.Decision;
import io.zkgw.policy.InputSchema;
import io.zkgw.policy.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * DECRYPTED → ADMITTED, or REJECTED with the rule's reason code when an admission rule (policies/, CEL)
 * refuses. Rules see the input in real units: x dequantised with the model card's public input map.
 */
@ApplicationScoped
public class AdmitStep implements JobStep {
    private static final Logger LOG = Logger.getLogger(AdmitStep.class);

    @Inject
    JobInputs inputs;

    @Inject
    AdmissionPolicy policy;

    @Inject
    ModelService models;

    @Inject
    JobRepository jobs;

    @Inject
    GatewayConfig config;

    @Override
    public Set<JobState> from() {
        return Set.of(JobState.DECRYPTED);
    }

    @Override
    public StepResult run(JobView job, Checkpoint checkpoint) {
        long[] x;
        ModelRegistry.Loaded m;
        try {
            x = inputs.opening(job).opening().x();
            m = inputs.model(job);
        } catch (RequestRejected r) {
            inputs.forget(job.id());
            return Rejections.reject(r);
        }
        ModelEntity entity = models.find(job.modelId()).orElseThrow();
        ModelCard card = m.file().card();
        long recent = jobs.countRecentFrom(job.requester(), job.id(), config.policy().rateWindow());
        RequestContext ctx = new RequestContext(job.requester(), job.fee(), entity.price,
                HexFormat.of().formatHex(job.chainModelId()), schema(card), realUnits(card.spec(), x), recent);
        Decision d = policy.evaluate(ctx);
        if (d instanceof Decision.Reject r) {
            // the rule's name and detail never contain request values (policy/ guarantees it)
            LOG.infof("job %s refused by admission rule %s (reason %d)", job.id(), r.rule(), r.reasonCode());
            inputs.forget(job.id());
            return Rejections.reject(new RequestRejected(r.reasonCode(), "policy:" + r.rule(), r.detail()));
        }
        return StepResult.advance(JobState.ADMITTED);
    }

    /** Feature names from the card with the range the input map can express (its quantised range, in real units). */
    static InputSchema schema(ModelCard card) {
        QuantSpec s = card.spec();
        List<String> names = card.input().features();
        List<InputSchema.Feature> features = new ArrayList<>();
        for (int i = 0; i < s.inputSize(); i++) {
            double a = realUnit(s, i, s.inLo());
            double b = realUnit(s, i, s.inHi());
            String name = i < names.size() ? names.get(i) : "x" + i;
            features.add(new InputSchema.Feature(name, Math.min(a, b), Math.max(a, b)));
        }
        return new InputSchema(features);
    }

    /** x in real units: the inverse of x_q = rint((x·mul + add) / scale), exact up to rounding. */
    static double[] realUnits(QuantSpec s, long[] x) {
        double[] f = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = i < s.inputSize() ? realUnit(s, i, x[i]) : x[i];
        }
        return f;
    }

    private static double realUnit(QuantSpec s, int i, long q) {
        double mul = s.inMul()[i];
        return mul == 0 ? 0 : (q * s.inScale() - s.inAdd()[i]) / mul;
    }
}
