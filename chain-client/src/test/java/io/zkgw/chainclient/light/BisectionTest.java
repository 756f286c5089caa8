package io.zkgw.chainclient.light;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.zkgw.chainclient.types.CommitSig;
import io.zkgw.chainclient.types.LightBlock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Skipping verification across validator-set changes, on a {@link SyntheticChain}: every 10 heights two of
 * the four validators are replaced, so after 20 heights none of the old set is left and the light client
 * must verify intermediate heights (bisection).
 */
class BisectionTest {
    static final List<SyntheticChain.Key> KEYS = "ABCDEFGHIJKL".chars()
            .mapToObj(c -> SyntheticChain.key(String.valueOf((char) c))).toList();

    /** Epoch e (heights 10e+1 .. 10e+10) is validated by keys 2e .. 2e+3: half the set changes per epoch. */
    static List<SyntheticChain.Key> rotating(long h) {
        int epoch = (int) ((h - 1) / 10);
        return KEYS.subList(2 * epoch, 2 * epoch + 4);
    }

    static final Instant NOW = SyntheticChain.GENESIS.plusSeconds(3600);

    // signed once for all tests (the JDK's Ed25519 is slow enough for this to matter)
    static final SyntheticChain chain = new SyntheticChain("synthetic-1", 40, BisectionTest::rotating);
    TrustOptions opts = TrustOptions.defaults("synthetic-1");

    LightClient client() throws Exception {
        return client(chain);
    }

    LightClient client(LightBlockProvider p) throws Exception {
        return LightClient.fromAnchor(p, opts, new TrustAnchor(1, chain.block(1).header().hash()), NOW);
    }

    @Test
    void skippingBisectsWhenNoneOfTheTrustedValidatorsRemain() throws Exception {
        LightClient lc = client();
        LightBlock b = lc.verifyTo(35, NOW);
        assertEquals(chain.block(35).header(), b.header());
        // 1→35: no trusted signer; pivot 18 (shares C,D with epoch 0); 18→35: none shared; pivot 26 (E,F); 26→35 (G,H)
        assertEquals(List.of(18L, 26L, 35L), lc.lastTrace());
        assertEquals(new TrustAnchor(35, b.header().hash()), lc.latestTrusted());
    }

    @Test
    void directSkipWithoutTrustedSignersIsInsufficientTrustedPower() throws Exception {
        VerificationError e = assertThrows(VerificationException.class,
                () -> Verifier.verify(chain.block(1), chain.block(35), opts, NOW)).error();
        assertEquals(new VerificationError.InsufficientTrustedPower(1, 35, 0, 40, TrustLevel.ONE_THIRD), e);
        Verifier.verify(chain.block(1), chain.block(18), opts, NOW); // half the set is still trusted
    }

    @Test
    void sequentialVerificationFollowsNextValidatorsAcrossRotations() throws Exception {
        LightClient lc = client();
        lc.verifySequentialTo(25, NOW);
        assertEquals(24, lc.lastTrace().size());
    }

    @Test
    void adjacentHeaderSignedByUnannouncedValidatorsIsRejected() {
        // a chain where epoch 1 is validated by E..H instead of the C..F that height 10 announced
        SyntheticChain other = new SyntheticChain("synthetic-1", 12, h -> h <= 10 ? rotating(h) : KEYS.subList(4, 8));
        VerificationError e = assertThrows(VerificationException.class,
                () -> Verifier.verify(chain.block(10), other.block(11), opts, NOW)).error();
        assertInstanceOf(VerificationError.NextValidatorsMismatch.class, e);
    }

    @Test
    void aForgedPivotStopsBisectionWithItsError() throws Exception {
        LightClient lc = client(chain.servedThrough(b -> b.height() == 18 ? flipSignature(b, 2) : b));
        VerificationError e = assertThrows(VerificationException.class, () -> lc.verifyTo(35, NOW)).error();
        assertInstanceOf(VerificationError.InvalidSignature.class, e);
        assertEquals(18, ((VerificationError.InvalidSignature) e).height());
        assertTrue(lc.trustedAt(35).isEmpty() && lc.trustedAt(18).isEmpty(), "nothing past the forgery is trusted");
    }

    @Test
    void aValidatorCountedTwiceIsRefused() {
        LightBlock far = chain.block(15); // epoch 1: C, D trusted from epoch 0
        List<CommitSig> sigs = new ArrayList<>(far.commit().signatures());
        sigs.set(3, sigs.get(0)); // C's vote again in F's slot
        LightBlock doubled = far.withCommit(far.commit().withSignatures(sigs));
        VerificationError e = assertThrows(VerificationException.class,
                () -> Verifier.verify(chain.block(1), doubled, opts, NOW)).error();
        assertInstanceOf(VerificationError.MalformedCommit.class, e);
        assertTrue(e.describe().contains("signs twice"), e.describe());
    }

    @Test
    void votesForNilCarryNoPower() throws Exception {
        LightBlock b = chain.block(5);
        LightBlock oneNil = b.withCommit(b.commit().withSignatures(nil(b, 3)));
        Verifier.verify(chain.block(4), oneNil, opts, NOW); // 30 of 40 > 2/3
        List<CommitSig> twoNil = nil(oneNil, 2);
        assertEquals(new VerificationError.InsufficientVotingPower(5, 20, 40), assertThrows(VerificationException.class,
                () -> Verifier.verify(chain.block(4), b.withCommit(b.commit().withSignatures(twoNil)), opts, NOW)).error());
    }

    static List<CommitSig> nil(LightBlock b, int slot) {
        List<CommitSig> sigs = new ArrayList<>(b.commit().signatures());
        CommitSig s = sigs.get(slot);
        sigs.set(slot, new CommitSig(CommitSig.BlockIdFlag.NIL, s.validatorAddress(), s.timestamp(), s.signature()));
        return sigs;
    }

    @Test
    void expiredTrustIsNotUsedForBisection() throws Exception {
        LightClient lc = client();
        Instant late = chain.block(1).header().time().plus(opts.trustingPeriod());
        assertInstanceOf(VerificationError.TrustedStateExpired.class,
                assertThrows(VerificationException.class, () -> lc.verifyTo(35, late)).error());
    }

    @Test
    void trustLevelMustBeBetweenOneThirdAndOne() {
        assertThrows(IllegalArgumentException.class, () -> new TrustLevel(1, 4));
        assertThrows(IllegalArgumentException.class, () -> new TrustLevel(4, 3));
        assertThrows(IllegalArgumentException.class, () -> new TrustLevel(1, 0));
        TrustLevel all = new TrustLevel(1, 1);
        assertTrue(all.exceededBy(41, 40) && !all.exceededBy(40, 40));
        assertTrue(TrustLevel.ONE_THIRD.exceededBy(2, 4) && !TrustLevel.ONE_THIRD.exceededBy(1, 4));
    }

    @Test
    void aStricterTrustLevelNeedsMorePivots() throws Exception {
        opts = opts.withTrustLevel(new TrustLevel(2, 3));
        LightClient lc = client();
        lc.verifyTo(35, NOW);
        assertTrue(lc.lastTrace().size() > 3, "2/3 trust never holds across an epoch change: " + lc.lastTrace());
        assertEquals(35L, lc.lastTrace().getLast());
    }

    static LightBlock flipSignature(LightBlock b, int slot) {
        List<CommitSig> sigs = new ArrayList<>(b.commit().signatures());
        byte[] s = sigs.get(slot).signature().toByteArray();
        s[0] ^= 1;
        sigs.set(slot, sigs.get(slot).withSignature(ByteString.copyFrom(s)));
        return b.withCommit(b.commit().withSignatures(sigs));
    }
}
