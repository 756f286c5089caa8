package io.zkgw.chainclient.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.chainapp.it.CometNode;
import io.zkgw.chainclient.events.TxQuery;
import io.zkgw.chainclient.events.TxSubscription;
import io.zkgw.chainclient.light.LightClient;
import io.zkgw.chainclient.light.TrustAnchor;
import io.zkgw.chainclient.light.TrustOptions;
import io.zkgw.chainclient.light.VerificationError;
import io.zkgw.chainclient.light.VerificationException;
import io.zkgw.chainclient.light.Verifier;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.RpcLightBlockProvider;
import io.zkgw.chainclient.types.LightBlock;
import io.zkgw.chainclient.types.Validator;
import io.zkgw.chainclient.types.ValidatorSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The light client on four real validators (from {@code cometbft testnet}, each with its own chain-app):
 * commits with several signers, verified sequentially and by skipping, with the anchor taken from one
 * node and the blocks served by another; corrupted copies refused by the power rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240)
class FourValidatorClientTest {
    static final String CHAIN = "zkgw-client-four";

    final List<CometNode> nodes = new ArrayList<>();
    CometRpcClient rpc0;
    CometRpcClient rpc2;

    @BeforeAll
    void startNetwork(@TempDir Path dir) throws Exception {
        nodes.addAll(CometNode.testnet(dir, CHAIN, "{\"accounts\":[]}", 4));
        nodes.get(0).awaitHeight(12, Duration.ofSeconds(120));
        rpc0 = Nodes.client(nodes.get(0));
        rpc2 = Nodes.client(nodes.get(2));
    }

    @AfterAll
    void stopNetwork() {
        for (CometRpcClient c : new CometRpcClient[] {rpc0, rpc2}) {
            if (c != null) {
                c.close();
            }
        }
        for (CometNode n : nodes) {
            n.close();
        }
    }

    static VerificationError rejected(Executable e) {
        return assertThrows(VerificationException.class, e).error();
    }

    @Test
    @Order(1)
    void realMultiSignerCommitsVerifySequentiallyAndBySkipping() throws Exception {
        TrustOptions opts = TrustOptions.defaults(CHAIN);
        // the anchor's hash comes from node 0; every block is then served by node 2
        TrustAnchor anchor = new TrustAnchor(2, rpc0.commit(2).header().hash());
        RpcLightBlockProvider served = new RpcLightBlockProvider(rpc2);

        LightClient seq = LightClient.fromAnchor(served, opts, anchor, Instant.now());
        LightBlock ten = seq.verifySequentialTo(10, Instant.now());
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), seq.lastTrace());
        assertEquals(4, ten.validators().size());
        assertTrue(Corrupt.commitCount(ten) >= 3, "more than 2/3 of 4 equal powers means at least 3 signers");

        LightClient skip = LightClient.fromAnchor(served, opts, anchor, Instant.now());
        long latest = rpc2.latestHeight();
        LightBlock top = skip.verifyTo(latest, Instant.now());
        assertEquals(List.of(latest), skip.lastTrace());
        assertEquals(rpc0.commit(latest).header().hash(), top.header().hash(), "both nodes agree on the verified block");
        assertEquals(ten.header(), skip.verifyTo(10, Instant.now()).header(), "backwards from the top reaches the same block");
    }

    @Test
    @Order(2)
    void corruptedCopiesAreRejectedByThePowerAndSignatureRules() throws Exception {
        RpcLightBlockProvider p = new RpcLightBlockProvider(rpc2);
        LightBlock trusted = p.lightBlock(5);
        LightBlock next = p.lightBlock(6);
        LightBlock far = p.lightBlock(11);
        TrustOptions opts = TrustOptions.defaults(CHAIN);
        Instant now = Instant.now();
        Verifier.verify(trusted, next, opts, now);
        Verifier.verify(trusted, far, opts, now);
        long total = next.validators().totalVotingPower();
        long each = next.validators().validators().get(0).votingPower();
        assertEquals(4 * each, total, "cometbft testnet gives every validator the same power");

        // a signature of the second signer flipped: named by its slot and address
        int slot = secondCommitSlot(next);
        VerificationError sig = rejected(() -> Verifier.verify(trusted, Corrupt.flipSignature(next, slot), opts, now));
        assertEquals(new VerificationError.InvalidSignature(6, slot, next.validators().validators().get(slot).address()), sig);

        // two of four signatures: exactly 2/3 is not more than 2/3
        assertEquals(new VerificationError.InsufficientVotingPower(6, 2 * each, total),
                rejected(() -> Verifier.verify(trusted, Corrupt.keepSignatures(next, 2), opts, now)));
        assertInstanceOf(VerificationError.InsufficientVotingPower.class,
                rejected(() -> Verifier.verify(trusted, Corrupt.keepSignatures(far, 2), opts, now)),
                "skipping: 2 of 4 is enough trust (> 1/3) but not enough of the new set (> 2/3)");
        // one of four: not even the trust level when skipping
        assertEquals(new VerificationError.InsufficientTrustedPower(5, 11, each, total, opts.trustLevel()),
                rejected(() -> Verifier.verify(trusted, Corrupt.keepSignatures(far, 1), opts, now)));

        // the validators in another order hash differently
        List<Validator> reordered = new ArrayList<>(next.validators().validators());
        Collections.reverse(reordered);
        assertInstanceOf(VerificationError.ValidatorSetHashMismatch.class,
                rejected(() -> Verifier.verify(trusted, next.withValidators(new ValidatorSet(reordered)), opts, now)));
        assertInstanceOf(VerificationError.ValidatorSetHashMismatch.class,
                rejected(() -> Verifier.verify(trusted, Corrupt.changePower(far, 3), opts, now)));

        // forged header field, another chain, expired trust
        assertInstanceOf(VerificationError.HeaderHashMismatch.class, rejected(() -> Verifier.verify(trusted,
                far.withHeader(far.header().withAppHash(Corrupt.flipByte(far.header().appHash(), 4))), opts, now)));
        assertInstanceOf(VerificationError.ChainIdMismatch.class,
                rejected(() -> Verifier.verify(trusted, far, opts.withChainId("zkgw-client-single"), now)));
        assertInstanceOf(VerificationError.TrustedStateExpired.class,
                rejected(() -> Verifier.verify(trusted, far, opts.withTrustingPeriod(Duration.ofSeconds(1)), now.plusSeconds(5))));
    }

    @Test
    @Order(3)
    void aSubscriptionReportsItsEndWhenItsNodeStops() throws Exception {
        try (CometRpcClient rpc3 = Nodes.client(nodes.get(3));
                TxSubscription sub = TxSubscription.open(rpc3, TxQuery.all(), tx -> { }, Duration.ofSeconds(30))) {
            assertTrue(sub.isOpen());
            nodes.get(3).stop();
            ExecutionException ended = assertThrows(ExecutionException.class, () -> sub.closed().get(60, TimeUnit.SECONDS));
            assertInstanceOf(java.io.IOException.class, ended.getCause(), ended.toString());
            assertFalse(sub.isOpen());
        }
        // three of four validators still make blocks, and they still verify
        long h = rpc0.latestHeight();
        nodes.get(0).awaitHeight(h + 2, Duration.ofSeconds(60));
        LightClient lc = LightClient.fromAnchor(new RpcLightBlockProvider(rpc0), TrustOptions.defaults(CHAIN),
                new TrustAnchor(h, rpc0.commit(h).header().hash()), Instant.now());
        LightBlock later = lc.verifyTo(h + 2, Instant.now());
        assertEquals(3, Corrupt.commitCount(later), "the stopped validator's slot is absent");
    }

    private static int secondCommitSlot(LightBlock b) {
        int seen = 0;
        for (int i = 0; i < b.commit().signatures().size(); i++) {
            if (b.commit().signatures().get(i).flag() == io.zkgw.chainclient.types.CommitSig.BlockIdFlag.COMMIT && ++seen == 2) {
                return i;
            }
        }
        throw new AssertionError("fewer than two signers");
    }
}
