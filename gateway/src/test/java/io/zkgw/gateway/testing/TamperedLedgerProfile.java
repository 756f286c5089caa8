package io.zkgw.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** {@link LedgerOnlyProfile} with the gateway reading the ledger through a {@link TamperingRpcProxy}. */
public class TamperedLedgerProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return new LedgerOnlyProfile().getConfigOverrides();
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TamperedLedgerResource.class));
    }
}
