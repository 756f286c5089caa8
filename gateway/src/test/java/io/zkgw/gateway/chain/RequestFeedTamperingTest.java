package io.zkgw.gateway.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.zkgw.chainclient.rpc.TxRecord;
import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.gateway.job.JobEntity;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.testing.LedgerTestResource;
import io.zkgw.gateway.testing.RequestBurst;
import io.zkgw.gateway.testing.RequestBurst.Sent;
import io.zkgw.gateway.testing.TamperedLedgerProfile;
import io.zkgw.gateway.testing.TamperedLedgerResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request feed reading through a node that lies about one request (a real CometBFT node behind a
 * {@link io.zkgw.gateway.testing.TamperingRpcProxy} that flips a bit of that request's state value): the lie is
 * caught by the light client, that request alone is held back and reported, and every other request of its group
 * becomes a job. Before, the group's one verified read failed as a whole and none of them did.
 */
@QuarkusTest
@TestProfile(TamperedLedgerProfile.class)
class RequestFeedTamperingTest {
    @Inject
    RequestFeed feed;

    @Inject
    JobRepository jobs;

    @Inject
    GatewayConfig config;

    @AfterEach
    void disarm() {
        TamperedLedgerResource.proxy.arm(null);
    }

    @Test
    void oneAnswerThatDoesNotVerifyHoldsBackItsOwnRequestOnly() throws Exception {
        List<Sent> sent;
        try (RequestBurst burst = new RequestBurst(LedgerTestResource.rpcUrl, LedgerTestResource.CHAIN_ID)
                .provider(CometLedger.signingSeed(config.chain().signingKeyFile()))
                .clinicians(LedgerTestResource.clinicianSeed, 2)) {
            sent = burst.send(3, burst.height() + 500);
        }
        assertEquals(6, sent.size());
        Sent lied = sent.get(2);
        TamperedLedgerResource.proxy.arm(lied.requestId());
        List<TxRecord> group = sent.stream().map(Sent::tx).toList();

        List<String> unreadable = feed.onFeedThread(() -> feed.handleAll(group));

        assertTrue(TamperedLedgerResource.proxy.tampered() >= 2, "the lie was told to the group read and to the single read");
        assertEquals(List.of(lied.requestId()), unreadable, "only the request whose answer does not verify is held back");
        assertTrue(jobs.byRequestId(lied.requestId()).isEmpty(), "no job from an answer that does not verify");
        for (Sent s : sent) {
            if (s != lied) {
                JobEntity j = jobs.byRequestId(s.requestId()).orElseThrow(() -> new AssertionError("no job for " + s.requestId()));
                assertEquals(JobState.RECEIVED, j.state);
                assertEquals(s.deadlineHeight(), j.deadlineHeight);
            }
        }

        // the node tells the truth again: the held-back request is taken in, the others are not made twice
        TamperedLedgerResource.proxy.arm(null);
        assertEquals(List.of(), feed.onFeedThread(() -> feed.handleAll(group)));
        assertEquals(JobState.RECEIVED, jobs.byRequestId(lied.requestId()).orElseThrow().state);
        assertEquals(sent.size(), sent.stream().filter(s -> jobs.byRequestId(s.requestId()).isPresent()).count());
    }
}
