package io.zkgw.gateway.testing;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.app.ProvedModel;
import io.zkgw.chainapp.app.Transactions;
import io.zkgw.chainapp.app.Wallet;
import io.zkgw.chainapp.proto.RequestPrediction;
import io.zkgw.chainclient.query.LedgerPaths;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.TxRecord;
import io.zkgw.chainclient.tx.Messages;
import io.zkgw.chainclient.tx.SignedTx;
import io.zkgw.chainclient.tx.TxBroadcaster;
import io.zkgw.chainclient.tx.TxSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Many RequestPrediction txs in few blocks, straight through chain-client (no gateway API, so no
 * Keycloak): the provider account registers, commits a dataset and the bc_mlp model (real weights
 * commitment, chain-app's {@link ProvedModel}), and a few clinician accounts funded from a genesis account
 * each sign their requests with consecutive sequence numbers and broadcast them all before waiting.
 * Every request carries a payload of its own, so a job made from the wrong request shows.
 */
public final class RequestBurst implements AutoCloseable {
    public static final long FEE = 10;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final CometRpcClient rpc;
    private final TxBroadcaster broadcaster;
    private final LedgerQueries queries;
    private final String chainId;
    private final List<TxSigner> clinicians = new ArrayList<>();
    private final ProvedModel.Request commitments = ProvedModel.BC_MLP.request(0, "request burst");
    private byte[] modelId;

    /** A request as sent, and its included tx. */
    public record Sent(String requestId, String requester, byte[] payload, long deadlineHeight, TxRecord tx) {}

    public RequestBurst(String rpcUrl, String chainId) {
        this.rpc = new CometRpcClient(URI.create(rpcUrl), Duration.ofSeconds(20));
        this.broadcaster = new TxBroadcaster(rpc);
        this.queries = new LedgerQueries(rpc);
        this.chainId = chainId;
    }

    public CometRpcClient rpc() {
        return rpc;
    }

    public byte[] modelId() {
        return modelId.clone();
    }

    /**
     * Registers {@code providerSeed}'s account as a provider (unless it is one already: test classes on the
     * same ledger share it) and commits a dataset and the bc_mlp model, whose id requests then name.
     */
    public RequestBurst provider(byte[] providerSeed) throws Exception {
        TxSigner p = new TxSigner(chainId, providerSeed);
        long seq = queries.account(p.address()).sequence();
        if (queries.read(LedgerPaths.PROVIDER, p.address().toByteArray(), false).value().isEmpty()) {
            broadcaster.submitAndWait(p.sign(Messages.registerProvider("burst hospital", ByteString.copyFrom(random(32))), seq++, 1),
                    WAIT);
        }
        byte[] datasetId = Transactions.datasetId(p.address().toByteArray(), seq);
        broadcaster.submitAndWait(p.sign(Messages.commitDataset(ByteString.copyFrom(random(32)), 200,
                ByteString.copyFrom(random(32))), seq, 1), WAIT);
        broadcaster.submitAndWait(p.sign(Wallet.commitModel(datasetId, FEE), seq + 1, 1), WAIT);
        modelId = Transactions.modelId(p.address().toByteArray(), seq + 1);
        return this;
    }

    /** Creates {@code n} fresh clinician accounts, each funded from {@code fundingSeed}'s account. */
    public RequestBurst clinicians(byte[] fundingSeed, int n) throws Exception {
        TxSigner funder = new TxSigner(chainId, fundingSeed);
        long seq = queries.account(funder.address()).sequence();
        List<SignedTx> transfers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TxSigner c = new TxSigner(chainId, random(32));
            clinicians.add(c);
            transfers.add(funder.sign(Messages.transfer(c.address(), 50_000), seq + i, 1));
        }
        for (SignedTx t : transfers) {
            broadcaster.submit(t);
        }
        for (SignedTx t : transfers) {
            broadcaster.awaitInclusion(t.hash(), WAIT);
        }
        return this;
    }

    /**
     * {@code perClinician} requests from every clinician, broadcast round-robin without waiting in between,
     * then awaited; returned in block order.
     */
    public List<Sent> send(int perClinician, long deadlineHeight) throws Exception {
        List<SignedTx> txs = new ArrayList<>();
        List<Sent> pending = new ArrayList<>();
        long[] next = new long[clinicians.size()];
        for (int c = 0; c < clinicians.size(); c++) {
            next[c] = queries.account(clinicians.get(c).address()).sequence();
        }
        for (int k = 0; k < perClinician; k++) {
            for (int c = 0; c < clinicians.size(); c++) {
                TxSigner s = clinicians.get(c);
                long seq = next[c]++;
                byte[] payload = ("ciphertext of request " + k + " from clinician " + c + " " + HEX.formatHex(random(8)))
                        .getBytes(StandardCharsets.US_ASCII);
                RequestPrediction rp = RequestPrediction.newBuilder()
                        .setModelId(ByteString.copyFrom(modelId))
                        .setFee(FEE)
                        .setInputCommitment(ByteString.copyFrom(commitments.inputCommitment()))
                        .setMaskCommitment(ByteString.copyFrom(commitments.maskCommitment()))
                        .setEncryptedPayload(ByteString.copyFrom(payload))
                        .setDeadlineHeight(deadlineHeight)
                        .build();
                txs.add(s.sign(Messages.requestPrediction(rp), seq, 1));
                String id = HEX.formatHex(Transactions.requestId(s.address().toByteArray(), seq));
                pending.add(new Sent(id, HEX.formatHex(s.address().toByteArray()), payload, deadlineHeight, null));
            }
        }
        for (SignedTx t : txs) {
            broadcaster.submit(t);
        }
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < txs.size(); i++) {
            Sent p = pending.get(i);
            TxRecord included = broadcaster.awaitInclusion(txs.get(i).hash(), WAIT);
            sent.add(new Sent(p.requestId(), p.requester(), p.payload(), p.deadlineHeight(), included));
        }
        sent.sort(Comparator.comparingLong((Sent s) -> s.tx().height()).thenComparingInt(s -> s.tx().index()));
        return sent;
    }

    public byte[] inputCommitment() {
        return commitments.inputCommitment();
    }

    public byte[] maskCommitment() {
        return commitments.maskCommitment();
    }

    public long height() throws Exception {
        return rpc.latestHeight();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    @Override
    public void close() {
        rpc.close();
    }
}
