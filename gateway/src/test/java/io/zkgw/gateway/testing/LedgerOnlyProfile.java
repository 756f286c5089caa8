package io.zkgw.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The gateway on the test ledger ({@link LedgerTestResource}) with its scheduled ledger work off, so a test
 * drives the request feed itself, and without OIDC (no endpoint is called, hence no Keycloak).
 */
public class LedgerOnlyProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("zkgw.chain.sync-enabled", "false", "quarkus.oidc.tenant-enabled", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LedgerTestResource.class));
    }
}
