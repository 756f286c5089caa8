package io.zkgw.chainclient.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.app.Code;
import io.zkgw.chainapp.app.StateKeys;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.it.CometNode;
import io.zkgw.chainclient.events.CatchUpResult;
import io.zkgw.chainclient.events.TxCatchUp;
import io.zkgw.chainclient.events.TxQuery;
import io.zkgw.chainclient.events.TxSubscription;
import io.zkgw.chainclient.light.LightClient;
import io.zkgw.chainclient.light.Proofs;
import io.zkgw.chainclient.light.StateProof;
import io.zkgw.chainclient.light.TrustAnchor;
import io.zkgw.chainclient.light.TrustOptions;
import io.zkgw.chainclient.light.TxInclusionProof;
import io.zkgw.chainclient.light.VerificationError;
import io.zkgw.chainclient.light.VerificationException;
import io.zkgw.chainclient.light.Verifier;
import io.zkgw.chainclient.merkle.MerkleProof;
import io.zkgw.chainclient.query.AccountState;
import io.zkgw.chainclient.query.LedgerPaths;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.query.QueryFailedException;
import io.zkgw.chainclient.query.VerifiedQueries;
import io.zkgw.chainclient.rpc.AbciQueryResult;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.RpcLightBlockProvider;
import io.zkgw.chainclient.rpc.TxRecord;
import io.zkgw.chainclient.tx.Messages;
import io.zkgw.chainclient.tx.SignedTx;
import io.zkgw.chainclient.tx.TxBroadcaster;
import io.zkgw.chainclient.tx.TxRejectedException;
import io.zkgw.chainclient.tx.TxSigner;
import io.zkgw.chainclient.types.Header;
import io.zkgw.chainclient.types.Hex;
import io.zkgw.chainclient.types.LightBlock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against one real CometBFT v0.38 validator running chain-app: real headers, commits and
 * validator sets verified sequentially, by skipping and backwards, and corrupted copies refused each with
 * its own error; tx inclusion and state proofs; event subscription, catch-up after a gap, broadcast and
 * refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180)
class SingleValidatorClientTest {
    static final String CHAIN = "zkgw-client-single";
    static final Duration WAIT = Duration.ofSeconds(30);

    CometNode node;
    CometRpcClient rpc;
    TxBroadcaster broadcaster;
    LedgerQueries queries;
    final TxSigner alice = signer("alice");
    final TxSigner bob = signer("bob");
    final TxSigner carol = signer("carol");
    final TxSigner dave = signer("dave");

    static TxSigner signer(String name) {
        return new TxSigner(CHAIN, Hashes.sha256(("client wallet " + name).getBytes(StandardCharsets.UTF_8)));
    }

    @BeforeAll
    void startNode(@TempDir Path dir) throws Exception {
        StringBuilder accounts = new StringBuilder();
        for (TxSigner s : List.of(alice, bob, carol, dave)) {
            accounts.append(accounts.isEmpty() ? "" : ",")
                    .append("{\"address\":\"").append(Hex.lower(s.address())).append("\",\"balance\":\"1000000\"}");
        }
        node = CometNode.create(dir, CHAIN, "{\"params\":{\"min_tx_fee\":\"1\"},\"accounts\":[" + accounts + "]}");
        node.start();
        rpc = Nodes.client(node);
        broadcaster = new TxBroadcaster(rpc);
        queries = new LedgerQueries(rpc);
    }

    @AfterAll
    void stopNode() {
        if (rpc != null) {
            rpc.close();
        }
        if (node != null) {
            node.close();
        }
    }

    /** Signs a transfer from {@code from} with its current on-chain sequence. */
    SignedTx transfer(TxSigner from, TxSigner to, long amount) throws Exception {
        return from.sign(Messages.transfer(to.address(), amount), queries.account(from.address()).sequence(), 1);
    }

    LightClient anchoredAt(long height, TrustOptions opts) throws Exception {
        LightBlock b = new RpcLightBlockProvider(rpc).lightBlock(height);
        return LightClient.fromAnchor(new RpcLightBlockProvider(rpc), opts, new TrustAnchor(height, b.header().hash()), Instant.now());
    }

    static VerificationError rejected(Executable e) {
        return assertThrows(VerificationException.class, e).error();
    }

    @Test
    void realHeadersVerifySequentiallyBySkippingAndBackwards() throws Exception {
        node.awaitHeight(8, WAIT);
        TrustOptions opts = TrustOptions.defaults(CHAIN);
        // from the first block: its empty last_block_id and genesis-time header hash must encode exactly
        LightClient lc = anchoredAt(1, opts);
        LightBlock six = lc.verifySequentialTo(6, Instant.now());
        assertEquals(6, six.height());
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L), lc.lastTrace());

        long latest = rpc.latestHeight();
        LightBlock top = lc.verifyTo(latest, Instant.now());
        assertEquals(List.of(latest), lc.lastTrace(), "a fixed validator set: one skip");
        assertEquals(rpc.commit(latest).header().hash(), top.header().hash());

        // anchored higher up (not at the latest height: the fast test chain is hundreds of blocks long by now)
        LightClient fromTop = anchoredAt(8, opts);
        LightBlock three = fromTop.verifyTo(3, Instant.now());
        assertEquals(List.of(7L, 6L, 5L, 4L, 3L), fromTop.lastTrace(), "backwards: one hash-chain step per height");
        assertEquals(six.header().lastBlockId().hash().size(), 32);
        assertEquals(lc.trustedAt(3).orElseThrow().header(), three.header());
        assertEquals(new TrustAnchor(latest, top.header().hash()), lc.latestTrusted());
    }

    @Test
    void corruptedCopiesOfRealBlocksAreRejectedEachWithItsError() throws Exception {
        node.awaitHeight(8, WAIT);
        RpcLightBlockProvider p = new RpcLightBlockProvider(rpc);
        LightBlock trusted = p.lightBlock(3);
        LightBlock next = p.lightBlock(4);
        LightBlock far = p.lightBlock(7);
        TrustOptions opts = TrustOptions.defaults(CHAIN);
        Instant now = Instant.now();
        Verifier.verify(trusted, next, opts, now);
        Verifier.verify(trusted, far, opts, now);

        // forged header field: the commit no longer signs it
        Header forged = next.header().withAppHash(Corrupt.flipByte(next.header().appHash(), 0));
        assertInstanceOf(VerificationError.HeaderHashMismatch.class, rejected(() -> Verifier.verify(trusted, next.withHeader(forged), opts, now)));
        Header forgedFar = far.header().withDataHash(Corrupt.flipByte(far.header().dataHash(), 31));
        assertInstanceOf(VerificationError.HeaderHashMismatch.class, rejected(() -> Verifier.verify(trusted, far.withHeader(forgedFar), opts, now)));

        // one byte of the signature flipped
        VerificationError sig = rejected(() -> Verifier.verify(trusted, Corrupt.flipSignature(next, 0), opts, now));
        assertEquals(new VerificationError.InvalidSignature(4, 0, next.validators().validators().get(0).address()), sig);
        assertInstanceOf(VerificationError.InvalidSignature.class, rejected(() -> Verifier.verify(trusted, Corrupt.flipSignature(far, 0), opts, now)));

        // the only signature dropped: no power signed
        VerificationError power = rejected(() -> Verifier.verify(trusted, Corrupt.keepSignatures(next, 0), opts, now));
        assertEquals(new VerificationError.InsufficientVotingPower(4, 0, next.validators().totalVotingPower()), power);
        assertInstanceOf(VerificationError.InsufficientTrustedPower.class,
                rejected(() -> Verifier.verify(trusted, Corrupt.keepSignatures(far, 0), opts, now)));

        // trusted header older than the trusting period at "now"
        Instant later = trusted.header().time().plus(opts.trustingPeriod()).plusSeconds(1);
        assertInstanceOf(VerificationError.TrustedStateExpired.class, rejected(() -> Verifier.verify(trusted, next, opts, later)));
        TrustAnchor anchor = new TrustAnchor(3, trusted.header().hash());
        assertInstanceOf(VerificationError.TrustedStateExpired.class, rejected(() -> Verifier.verifyAnchor(trusted, anchor, opts, later)));
        assertInstanceOf(VerificationError.TrustedStateExpired.class, rejected(
                () -> LightClient.fromAnchor(p, opts.withTrustingPeriod(Duration.ofMillis(1)), anchor, now)));

        // another chain
        VerificationError chain = rejected(() -> Verifier.verify(trusted, next, opts.withChainId("zkgw-other"), now));
        assertEquals(new VerificationError.ChainIdMismatch(4, "zkgw-other", CHAIN), chain);
        assertInstanceOf(VerificationError.ChainIdMismatch.class, rejected(() -> Verifier.verifyAnchor(trusted, anchor, opts.withChainId("zkgw-other"), now)));

        // a validator set that is not the header's
        assertInstanceOf(VerificationError.ValidatorSetHashMismatch.class, rejected(() -> Verifier.verify(trusted, Corrupt.changePower(next, 0), opts, now)));
        assertInstanceOf(VerificationError.ValidatorSetHashMismatch.class, rejected(() -> Verifier.verify(trusted, Corrupt.changePower(far, 0), opts, now)));

        // an anchor whose hash is not the served header's
        TrustAnchor wrong = new TrustAnchor(3, Corrupt.flipByte(trusted.header().hash(), 5));
        assertInstanceOf(VerificationError.TrustAnchorMismatch.class, rejected(() -> LightClient.fromAnchor(p, opts, wrong, now)));

        // a header from the verifier's future (its clock is behind)
        Instant behind = next.header().time().minus(opts.maxClockDrift());
        assertInstanceOf(VerificationError.HeaderFromFuture.class, rejected(() -> Verifier.verify(trusted, next, opts, behind)));
        Verifier.verify(trusted, next, opts, behind.plusNanos(1));

        // going backwards in height or to a block whose hash the trusted one does not name
        assertInstanceOf(VerificationError.NotMonotonic.class, rejected(() -> Verifier.verify(far, trusted, opts, now)));
        assertInstanceOf(VerificationError.HeaderNotLinked.class, rejected(() -> Verifier.verifyBackwards(next.header(),
                trusted.withHeader(trusted.header().withAppHash(Corrupt.flipByte(trusted.header().appHash(), 1))), CHAIN)));
    }

    @Test
    void txInclusionProofVerifiesAndTamperedProofsDoNot() throws Exception {
        // several txs sent back to back, until one block holds more than one (a proof with aunts)
        List<SignedTx> txs = null;
        TxRecord last = null;
        for (int attempt = 0; attempt < 4 && txs == null; attempt++) {
            List<SignedTx> batch = new ArrayList<>();
            long seq = queries.account(dave.address()).sequence();
            for (int i = 0; i < 4; i++) {
                batch.add(dave.sign(Messages.transfer(alice.address(), 1 + i), seq + i, 1));
            }
            for (SignedTx t : batch) {
                broadcaster.submit(t);
            }
            java.util.Set<Long> heights = new java.util.HashSet<>();
            for (SignedTx t : batch) {
                last = broadcaster.awaitInclusion(t.hash(), WAIT);
                heights.add(last.height());
            }
            if (heights.size() < batch.size()) {
                txs = batch;
            }
        }
        assertTrue(txs != null, "no block with two of the txs in 4 attempts");
        node.awaitHeight(last.height() + 1, WAIT);

        LightClient lc = anchoredAt(1, TrustOptions.defaults(CHAIN));
        VerifiedQueries vq = new VerifiedQueries(rpc, lc, Clock.systemUTC());
        TxInclusionProof best = null;
        for (SignedTx t : txs) {
            VerifiedQueries.VerifiedTx v = vq.tx(t.hash());
            assertEquals(t.bytes(), v.tx().tx());
            assertEquals(v.tx().height(), v.header().height());
            assertTrue(v.tx().result().ok());
            TxInclusionProof pr = v.tx().proof().orElseThrow();
            if (best == null || pr.proof().total() > best.proof().total()) {
                best = pr;
            }
        }
        TxInclusionProof proof = best;
        Header header = lc.verifyTo(proof.height(), Instant.now()).header();
        assertEquals(txs.stream().filter(t -> t.bytes().equals(proof.tx())).findFirst().orElseThrow().hash(),
                Proofs.verifyTxInclusion(header, proof));

        // the tx bytes changed
        TxInclusionProof otherTx = new TxInclusionProof(proof.height(), Corrupt.flipByte(proof.tx(), 3), proof.rootHash(), proof.proof());
        assertInstanceOf(VerificationError.TxProofInvalid.class, rejected(() -> Proofs.verifyTxInclusion(header, otherTx)));
        // another tx with a consistent leaf, but the original path
        byte[] foreign = "not in this block".getBytes(StandardCharsets.UTF_8);
        MerkleProof p0 = proof.proof();
        TxInclusionProof swapped = new TxInclusionProof(proof.height(), ByteString.copyFrom(foreign), proof.rootHash(),
                new MerkleProof(p0.total(), p0.index(), ByteString.copyFrom(io.zkgw.chainclient.merkle.MerkleTree.leafHash(Hashes.sha256(foreign))), p0.aunts()));
        assertInstanceOf(VerificationError.TxProofInvalid.class, rejected(() -> Proofs.verifyTxInclusion(header, swapped)));
        // the same proof against a header of another block
        Header otherBlock = lc.verifyTo(proof.height() - 1, Instant.now()).header();
        assertInstanceOf(VerificationError.TxProofInvalid.class, rejected(() -> Proofs.verifyTxInclusion(
                otherBlock.withDataHash(Corrupt.flipByte(header.dataHash(), 0)), new TxInclusionProof(otherBlock.height(), proof.tx(), proof.rootHash(), p0))));
        // the neighbouring index: the path turns the other way at the bottom (or leaves the tree)
        TxInclusionProof badIndex = new TxInclusionProof(proof.height(), proof.tx(), proof.rootHash(),
                new MerkleProof(p0.total(), p0.index() ^ 1, p0.leafHash(), p0.aunts()));
        assertInstanceOf(VerificationError.TxProofInvalid.class, rejected(() -> Proofs.verifyTxInclusion(header, badIndex)));
        assertTrue(p0.total() > 1 && !p0.aunts().isEmpty(), "a proof in a block of several txs");
        {
            List<ByteString> aunts = new ArrayList<>(p0.aunts());
            aunts.set(0, Corrupt.flipByte(aunts.get(0), 9));
            TxInclusionProof badAunt = new TxInclusionProof(proof.height(), proof.tx(), proof.rootHash(),
                    new MerkleProof(p0.total(), p0.index(), p0.leafHash(), aunts));
            assertInstanceOf(VerificationError.TxProofInvalid.class, rejected(() -> Proofs.verifyTxInclusion(header, badAunt)));
        }
        blockTxsVerifyAndAlteredListsDoNot(vq, header, proof.tx());
    }

    /** A whole block's txs (the audit's read, no tx index): exactly the block's, in its order, or rejected. */
    private void blockTxsVerifyAndAlteredListsDoNot(VerifiedQueries vq, Header header, ByteString oneOfThem) throws Exception {
        VerifiedQueries.VerifiedBlockTxs block = vq.blockTxs(header.height());
        List<ByteString> txs = block.txs();
        assertEquals(header, block.header());
        assertTrue(txs.size() > 1 && txs.contains(oneOfThem), "the block of several txs, the proven one among them");
        Proofs.verifyBlockTxs(header, txs);
        List<List<ByteString>> altered = new ArrayList<>();
        List<ByteString> changed = new ArrayList<>(txs);
        changed.set(1, Corrupt.flipByte(txs.get(1), 5));
        altered.add(changed);
        altered.add(txs.subList(0, txs.size() - 1));
        List<ByteString> extra = new ArrayList<>(txs);
        extra.add(ByteString.copyFromUtf8("not in this block"));
        altered.add(extra);
        List<ByteString> swapped = new ArrayList<>(txs);
        java.util.Collections.swap(swapped, 0, 1);
        altered.add(swapped);
        altered.add(List.of());
        for (List<ByteString> a : altered) {
            VerificationError e = rejected(() -> Proofs.verifyBlockTxs(header, a));
            VerificationError.BlockTxsInvalid b = assertInstanceOf(VerificationError.BlockTxsInvalid.class, e);
            assertEquals(header.height(), b.height());
            assertEquals(a.size(), b.txCount());
        }
        // the right txs against the header of another block
        Header other = vq.blockTxs(header.height() - 1).header();
        assertInstanceOf(VerificationError.BlockTxsInvalid.class, rejected(() -> Proofs.verifyBlockTxs(other, txs)));
    }

    @Test
    void stateProofsVerifyAndTamperedOrMisattributedOnesDoNot() throws Exception {
        broadcaster.submitAndWait(transfer(bob, carol, 10), WAIT);
        LightClient lc = anchoredAt(1, TrustOptions.defaults(CHAIN));
        VerifiedQueries vq = new VerifiedQueries(rpc, lc, Clock.systemUTC());

        AccountState bobState = vq.account(bob.address());
        assertEquals(queries.account(bob.address()).sequence(), bobState.sequence());
        assertTrue(bobState.balance() < 1_000_000);
        AccountState nobody = vq.account(ByteString.copyFrom(new byte[20]));
        assertEquals(0, nobody.balance(), "absence is proven too");

        // a proof read for bob, checked against a verified header
        AbciQueryResult r = queries.read(LedgerPaths.ACCOUNT, bob.address().toByteArray(), true);
        StateProof proof = r.toStateProof();
        node.awaitHeight(proof.height() + 1, WAIT);
        Header next = lc.verifyTo(proof.height() + 1, Instant.now()).header();
        byte[] bobKey = StateKeys.account(bob.address().toByteArray());
        assertArrayEquals(r.value().toByteArray(), Proofs.verifyState(next, bobKey, proof));

        // the value tampered with
        assertInstanceOf(VerificationError.StateProofInvalid.class, rejected(
                () -> Proofs.verifyState(next, bobKey, proof.withValue(Corrupt.flipByte(proof.value(), 2)))));
        // claimed absent
        assertInstanceOf(VerificationError.StateProofInvalid.class, rejected(
                () -> Proofs.verifyState(next, bobKey, proof.withValue(ByteString.EMPTY))));
        // bob's proof presented as carol's account (wrong key), with and without relabelling the key
        byte[] carolKey = StateKeys.account(carol.address().toByteArray());
        assertInstanceOf(VerificationError.StateProofInvalid.class, rejected(() -> Proofs.verifyState(next, carolKey, proof)));
        StateProof relabelled = proof.withKey(ByteString.copyFrom(carolKey)).withOps(List.of(new StateProof.ProofOp(
                proof.ops().getFirst().type(), ByteString.copyFrom(carolKey), proof.ops().getFirst().data())));
        assertInstanceOf(VerificationError.StateProofInvalid.class, rejected(() -> Proofs.verifyState(next, carolKey, relabelled)));
        // a sibling hash changed inside the proof data
        ByteString data = proof.ops().getFirst().data();
        StateProof badSibling = proof.withOps(List.of(new StateProof.ProofOp(proof.ops().getFirst().type(), proof.key(),
                Corrupt.flipByte(data, data.size() - 1))));
        assertInstanceOf(VerificationError.StateProofInvalid.class, rejected(() -> Proofs.verifyState(next, bobKey, badSibling)));
        // the right proof against another header: the height must be the query's + 1, and the app hash
        // must be that header's (height 2 carries the genesis state's root, before bob's transfers)
        Header older = lc.verifyTo(2, Instant.now()).header();
        assertInstanceOf(VerificationError.StateProofInvalid.class, rejected(() -> Proofs.verifyState(older, bobKey, proof)));
        assertInstanceOf(VerificationError.StateProofInvalid.class, rejected(() -> Proofs.verifyState(
                next.withAppHash(older.appHash()), bobKey, proof)));
    }

    @Test
    void readAllProvesEveryKeyAgainstAVerifiedHeaderOfItsHeight() throws Exception {
        broadcaster.submitAndWait(transfer(dave, carol, 3), WAIT);
        LightClient lc = anchoredAt(1, TrustOptions.defaults(CHAIN));
        VerifiedQueries vq = new VerifiedQueries(rpc, lc, Clock.systemUTC());
        List<byte[]> data = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            for (TxSigner s : List.of(alice, bob, carol, dave)) {
                data.add(s.address().toByteArray());
            }
            data.add(new byte[20]); // nobody: absence is proven too
        }

        List<VerifiedQueries.VerifiedValue> all = vq.readAll(LedgerPaths.ACCOUNT, data);

        assertEquals(data.size(), all.size());
        for (int i = 0; i < data.size(); i++) {
            VerifiedQueries.VerifiedValue v = all.get(i);
            byte[] key = LedgerPaths.ACCOUNT.stateKey(data.get(i));
            assertArrayEquals(key, v.key(), "answers in the order asked");
            assertEquals(v.height() + 1, v.header().height(), "checked against the header of the query height + 1");
            assertEquals(lc.trustedAt(v.header().height()).orElseThrow().header().hash(), v.header().hash(),
                    "a header the light client verified");
            // no tx is in flight: the value is the one a single verified read gives
            assertArrayEquals(vq.read(LedgerPaths.ACCOUNT, data.get(i)).value(), v.value());
        }
        assertNull(all.get(4).value(), "the empty address has no account");
        assertTrue(all.get(0).value().length > 0);

        // one malformed key fails the whole call with the ledger's code; an empty list reads nothing
        QueryFailedException bad = assertThrows(QueryFailedException.class,
                () -> vq.readAll(LedgerPaths.ACCOUNT, List.of(alice.address().toByteArray(), new byte[3])));
        assertEquals(Code.QUERY_BAD_DATA.value(), bad.code());
        assertEquals(List.of(), vq.readAll(LedgerPaths.ACCOUNT, List.of()));
    }

    @Test
    void subscriptionReceivesTheTxEvent() throws Exception {
        LinkedBlockingQueue<TxRecord> got = new LinkedBlockingQueue<>();
        try (TxSubscription sub = TxSubscription.open(rpc, TxQuery.eq("transfer.recipient", Hex.lower(bob.address())), got::add, WAIT)) {
            assertTrue(sub.isOpen());
            SignedTx t = transfer(alice, bob, 42);
            broadcaster.submitAndWait(t, WAIT);
            TxRecord e = got.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(e != null, "no event within " + WAIT);
            assertEquals(t.hash(), e.hash());
            assertEquals(t.bytes(), e.tx());
            assertEquals("42", e.result().attribute("transfer", "amount").orElseThrow());
            assertEquals(Hex.lower(alice.address()), e.result().attribute("message", "sender").orElseThrow());
        }
    }

    @Test
    void catchUpAfterAGapFindsTheTxsSentWhileDisconnected() throws Exception {
        TxQuery q = TxQuery.eq("message.sender", Hex.lower(carol.address()));
        TxCatchUp catchUp = new TxCatchUp(rpc, 2); // small pages: exercise paging
        LinkedBlockingQueue<TxRecord> live = new LinkedBlockingQueue<>();
        long cursor;
        try (TxSubscription sub = TxSubscription.open(rpc, q, live::add, WAIT)) {
            cursor = catchUp.since(q, 0).cursor();
        }
        // disconnected: carol sends three txs
        List<SignedTx> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SignedTx t = transfer(carol, alice, 5 + i);
            broadcaster.submitAndWait(t, WAIT);
            missed.add(t);
        }
        assertTrue(live.isEmpty());
        List<TxRecord> found = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (found.size() < 3 && System.nanoTime() < deadline) {
            CatchUpResult r = catchUp.since(q, cursor);
            assertTrue(r.cursor() >= cursor);
            found.addAll(r.txs());
            cursor = r.cursor();
            Thread.sleep(100);
        }
        assertEquals(missed.stream().map(SignedTx::hash).toList(), found.stream().map(TxRecord::hash).toList(),
                "all three missed txs, once each, in order");
        assertTrue(cursor >= found.getLast().height());
        assertTrue(catchUp.since(q, cursor).txs().isEmpty(), "nothing new after the cursor");
    }

    @Test
    void refusedTxsNameTheLedgerCode() throws Exception {
        long seq = queries.account(alice.address()).sequence();
        SignedTx stale = alice.sign(Messages.transfer(bob.address(), 1), seq + 5, 1);
        TxRejectedException e = assertThrows(TxRejectedException.class, () -> broadcaster.submitAndWait(stale, WAIT));
        assertEquals(TxRejectedException.Stage.CHECK_TX, e.stage());
        assertEquals(Code.WRONG_SEQUENCE, e.ledgerCode().orElseThrow());
        assertTrue(e.getMessage().contains("WRONG_SEQUENCE (code 4)"), e.getMessage());
        assertTrue(e.getMessage().contains("expected sequence " + seq), e.getMessage());

        SignedTx tooMuch = alice.sign(Messages.transfer(bob.address(), 5_000_000), seq, 1);
        TxRejectedException funds = assertThrows(TxRejectedException.class, () -> broadcaster.submit(tooMuch));
        assertEquals(Code.INSUFFICIENT_FUNDS, funds.ledgerCode().orElseThrow());

        SignedTx lowFee = alice.sign(Messages.transfer(bob.address(), 1), seq, 0);
        assertEquals(Code.FEE_TOO_LOW, assertThrows(TxRejectedException.class, () -> broadcaster.submit(lowFee)).ledgerCode().orElseThrow());

        // the same bytes again after inclusion: refused by CometBFT's cache or by our sequence check
        SignedTx ok = alice.sign(Messages.transfer(bob.address(), 1), seq, 1);
        TxRecord included = broadcaster.submitAndWait(ok, WAIT);
        assertTrue(included.result().ok());
        TxRejectedException replay = assertThrows(TxRejectedException.class, () -> broadcaster.submit(ok));
        assertTrue(replay.stage() == TxRejectedException.Stage.MEMPOOL
                || replay.ledgerCode().orElseThrow() == Code.WRONG_SEQUENCE, replay.getMessage());
        assertFalse(replay.getMessage().isEmpty());
    }
}
