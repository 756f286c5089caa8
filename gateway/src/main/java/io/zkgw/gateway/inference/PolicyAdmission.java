package io.zkgw.gateway.inference;

import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.policy.Decision;
import io.zkgw.policy.PolicyException;
import io.zkgw.policy.PolicySet;
import io.zkgw.policy.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * The hospital's admission rules: every {@code *.yaml} in zkgw.policy.dir (policy/'s PolicySet, CEL),
 * loaded once. A missing or invalid rule directory stops the gateway at start-up: requests are never
 * admitted without the rules the hospital committed to.
 */
@ApplicationScoped
public class PolicyAdmission implements AdmissionPolicy {
    private static final Logger LOG = Logger.getLogger(PolicyAdmission.class);

    @Inject
    GatewayConfig config;

    private volatile PolicySet rules;

    @Override
    public Decision evaluate(RequestContext request) {
        return rules().evaluate(request);
    }

    @Override
    public byte[] hash() {
        return rules().hash();
    }

    /** Loads the rules (called at start-up so a bad rule file stops the gateway there). */
    public PolicySet rules() {
        PolicySet r = rules;
        if (r == null) {
            synchronized (this) {
                if (rules == null) {
                    Path dir = config.policy().dir().toAbsolutePath().normalize();
                    if (!Files.isDirectory(dir)) {
                        throw new IllegalStateException("zkgw.policy.dir " + dir + " is not a directory of admission rules");
                    }
                    try {
                        rules = PolicySet.load(dir);
                    } catch (PolicyException e) {
                        throw new IllegalStateException("admission rules in " + dir + " do not load: " + e.getMessage(), e);
                    }
                    LOG.infof("admission rules loaded from %s: %d rules, policy hash %s", dir, rules.rules().size(),
                            HexFormat.of().formatHex(rules.hash()));
                }
                r = rules;
            }
        }
        return r;
    }
}
