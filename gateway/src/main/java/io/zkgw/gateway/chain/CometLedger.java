package io.zkgw.gateway.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.zkgw.chainapp.app.Transactions;
import io.zkgw.chainapp.proto.CommitModel;
import io.zkgw.chainapp.proto.Model;
import io.zkgw.chainapp.proto.ModelEpoch;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.Provider;
import io.zkgw.chainapp.proto.TxBody;
import io.zkgw.chainclient.light.LightClient;
import io.zkgw.chainclient.light.TrustAnchor;
import io.zkgw.chainclient.light.TrustOptions;
import io.zkgw.chainclient.light.VerificationException;
import io.zkgw.chainclient.query.LedgerPaths;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.query.QueryFailedException;
import io.zkgw.chainclient.query.VerifiedQueries;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.RpcLightBlockProvider;
import io.zkgw.chainclient.tx.Messages;
import io.zkgw.chainclient.tx.ResultCodes;
import io.zkgw.chainclient.tx.TxBroadcaster;
import io.zkgw.chainclient.tx.TxRejectedException;
import io.zkgw.chainclient.tx.TxSigner;
import io.zkgw.envelope.KeyFileException;
import io.zkgw.envelope.KeyFiles;
import io.zkgw.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The ledger through chain-client/: signs with the provider account's Ed25519 key
 * (zkgw.chain.signing-key-file), broadcasts over CometBFT JSON-RPC, and checks inclusion and state with
 * the light client anchored at zkgw.chain.trust-anchor (a transaction counts as committed only once its
 * block header and inclusion proof verify; a request is read only with a state proof).
 */
@ApplicationScoped
public class CometLedger implements Ledger {
    private static final HexFormat HEX = HexFormat.of();

    @Inject
    GatewayConfig config;

    private volatile Client client;

    /** Held from signing to broadcast, so the mempool receives our sequence numbers in order. */
    private final ReentrantLock order = new ReentrantLock(true);

    /** The next sequence to sign with, once known; -1 = ask the ledger. Guarded by {@link #order}. */
    private long nextSequence = -1;

    /** The parts, built on first use from the configuration. */
    record Client(CometRpcClient rpc, TxSigner signer, TxBroadcaster broadcaster, LedgerQueries queries,
                  VerifiedQueries verified) {}

    @Override
    public boolean configured() {
        return config.chain().rpcUrl().filter(s -> !s.isBlank()).isPresent();
    }

    @Override
    public String address() {
        return HEX.formatHex(client().signer().address().toByteArray());
    }

    @Override
    public SignedTx fulfil(String requestId, byte[] maskedOutput, byte[] proof, int modelEpoch) {
        return sign(Messages.fulfillPrediction(id(requestId), ByteString.copyFrom(maskedOutput), ByteString.copyFrom(proof),
                modelEpoch)).tx();
    }

    @Override
    public SignedTx fulfilBatch(List<String> requestIds, List<byte[]> maskedOutputs, byte[] proof, int modelEpoch) {
        return sign(Messages.fulfillPredictions(requestIds.stream().map(CometLedger::id).toList(),
                maskedOutputs.stream().map(ByteString::copyFrom).toList(), ByteString.copyFrom(proof), modelEpoch)).tx();
    }

    @Override
    public SignedTx recommitModel(byte[] chainModelId, byte[] weightsCommitment, byte[] epochLink) {
        return sign(Messages.recommitModel(ByteString.copyFrom(chainModelId), ByteString.copyFrom(weightsCommitment),
                ByteString.copyFrom(epochLink))).tx();
    }

    @Override
    public Optional<ModelEpochs> modelEpochs(byte[] chainModelId, int epoch) {
        String what = "model " + HEX.formatHex(chainModelId);
        return verifiedRead(LedgerPaths.MODEL, chainModelId, what).map(bytes -> {
            try {
                int latest = Model.parseFrom(bytes).getEpoch();
                Optional<byte[]> c = Integer.compareUnsigned(epoch, latest) > 0 ? Optional.empty()
                        : verifiedRead(LedgerPaths.MODEL_EPOCH, LedgerPaths.modelEpochData(chainModelId, epoch), what + " epoch " + epoch)
                                .map(e -> parseEpoch(e, what));
                return new ModelEpochs(latest, c);
            } catch (InvalidProtocolBufferException e) {
                throw new ChainUnavailable(what + " in the ledger's state does not decode", e);
            }
        });
    }

    private static byte[] parseEpoch(byte[] bytes, String what) {
        try {
            return ModelEpoch.parseFrom(bytes).getWeightsCommitment().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new ChainUnavailable(what + " epoch record does not decode", e);
        }
    }

    @Override
    public SignedTx reject(String requestId, int reasonCode) {
        return sign(Messages.rejectRequest(id(requestId), reasonCode)).tx();
    }

    @Override
    public SignedTx registerProvider(String name, byte[] hpkePublicKey) {
        return sign(Messages.registerProvider(name, ByteString.copyFrom(hpkePublicKey))).tx();
    }

    @Override
    public SignedCommit commitDataset(byte[] merkleRoot, long recordCount, byte[] schemaHash) {
        Signed s = sign(Messages.commitDataset(ByteString.copyFrom(merkleRoot), recordCount, ByteString.copyFrom(schemaHash)));
        return new SignedCommit(s.tx(), Transactions.datasetId(s.signer(), s.sequence()));
    }

    @Override
    public SignedCommit commitModel(ModelCommit m) {
        CommitModel.Builder b = CommitModel.newBuilder()
                .setWeightsCommitment(ByteString.copyFrom(m.weightsCommitment()))
                .setCircuitDescription(ByteString.copyFrom(m.circuitDescription()))
                .setDatasetId(ByteString.copyFrom(m.datasetId()))
                .setPrice(m.price())
                .setPolicyHash(ByteString.copyFrom(m.policyHash()))
                .setModelCard(ByteString.copyFrom(m.card()));
        Signed s = sign(Messages.commitModel(b.build()));
        return new SignedCommit(s.tx(), Transactions.modelId(s.signer(), s.sequence()));
    }

    @Override
    public <T> T inOrder(Supplier<T> work) {
        order.lock();
        try {
            return work.get();
        } finally {
            order.unlock();
        }
    }

    private record Signed(SignedTx tx, byte[] signer, long sequence) {}

    private Signed sign(TxBody.Builder body) {
        Client c = client();
        order.lock();
        try {
            if (nextSequence < 0) {
                nextSequence = rpc("the provider account's sequence", () -> c.queries().account(c.signer().address()).sequence());
            }
            long seq = nextSequence++;
            var tx = c.signer().sign(body, seq, config.chain().txFee());
            return new Signed(new SignedTx(tx.bytes().toByteArray(), tx.hashHex()), c.signer().address().toByteArray(), seq);
        } finally {
            order.unlock();
        }
    }

    @Override
    public void broadcast(SignedTx tx) {
        Client c = client();
        try {
            c.broadcaster().submit(new io.zkgw.chainclient.tx.SignedTx(ByteString.copyFrom(tx.bytes())));
        } catch (TxRejectedException e) {
            if (e.stage() == TxRejectedException.Stage.MEMPOOL && e.getMessage().contains("already exists in cache")) {
                return; // the node has these very bytes already
            }
            if (e.stage() == TxRejectedException.Stage.MEMPOOL) {
                throw new ChainUnavailable("the node's mempool did not take tx " + tx.hash() + ": " + e.getMessage(), e);
            }
            String name = e.ledgerCode().map(Enum::name).orElse("code " + e.code());
            // a refused tx leaves a hole in our sequence numbers: ask the ledger for the next one
            resetSequence();
            throw new Refused(name, e.getMessage());
        } catch (IOException e) {
            throw new ChainUnavailable("broadcast failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainUnavailable("interrupted", e);
        }
    }

    private void resetSequence() {
        order.lock();
        try {
            nextSequence = -1;
        } finally {
            order.unlock();
        }
    }

    @Override
    public TxStatus status(String txHash) {
        Client c = client();
        ByteString hash = ByteString.copyFrom(HEX.parseHex(txHash));
        return rpc("tx " + txHash, () -> {
            if (c.broadcaster().lookup(hash).isEmpty()) {
                return TxStatus.UNKNOWN;
            }
            var v = c.verified().tx(hash);
            var r = v.tx().result();
            String name = r.code() == 0 ? "OK"
                    : ResultCodes.ledgerCode(r.codespace(), r.code()).map(Enum::name).orElse("code " + r.code());
            return new TxStatus(true, v.tx().height(), r.code(), name);
        });
    }

    @Override
    public long latestHeight() {
        return rpc("the ledger's height", () -> client().rpc().latestHeight());
    }

    @Override
    public Optional<ChainRequest> request(String requestId) {
        return verifiedRead(LedgerPaths.REQUEST, HEX.parseHex(requestId), "request " + requestId)
                .map(bytes -> parseRequest(requestId, bytes));
    }

    private static ChainRequest parseRequest(String requestId, byte[] bytes) {
        try {
            return ChainRequest.of(requestId, PredictionRequest.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new ChainUnavailable("request " + requestId + " in the ledger's state does not decode", e);
        }
    }

    @Override
    public List<Optional<ChainRequest>> requests(List<String> requestIds) {
        List<byte[]> keys = requestIds.stream().map(HEX::parseHex).toList();
        String what = requestIds.size() + " requests";
        List<VerifiedQueries.VerifiedValue> values = rpc(what, () -> client().verified().readAll(LedgerPaths.REQUEST, keys));
        List<Optional<ChainRequest>> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String id = requestIds.get(i);
            out.add(values.get(i).present().map(bytes -> parseRequest(id, bytes)));
        }
        return out;
    }

    @Override
    public Optional<byte[]> registeredProviderKey() {
        byte[] address = client().signer().address().toByteArray();
        return verifiedRead(LedgerPaths.PROVIDER, address, "provider " + HEX.formatHex(address)).map(bytes -> {
            try {
                return Provider.parseFrom(bytes).getHpkePublicKey().toByteArray();
            } catch (InvalidProtocolBufferException e) {
                throw new ChainUnavailable("our provider record in the ledger's state does not decode", e);
            }
        });
    }

    private Optional<byte[]> verifiedRead(LedgerPaths path, byte[] key, String what) {
        return rpc(what, () -> client().verified().read(path, key).present());
    }

    /** A read from the node; every way it can fail means "try again later" to the caller. */
    private interface NodeCall<T> {
        T call() throws IOException, InterruptedException, VerificationException, QueryFailedException;
    }

    private static <T> T rpc(String what, NodeCall<T> call) {
        try {
            return call.call();
        } catch (VerificationException e) {
            throw new ChainUnavailable("the node's answer about " + what + " does not verify: " + e.getMessage(), e);
        } catch (IOException | QueryFailedException e) {
            throw new ChainUnavailable("cannot read " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainUnavailable("interrupted", e);
        }
    }

    private static ByteString id(String hex) {
        return ByteString.copyFrom(HEX.parseHex(hex));
    }

    /** The chain-client parts (RequestFeed subscribes and searches through the same RPC client). */
    Client client() {
        Client c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = build();
                }
                c = client;
            }
        }
        return c;
    }

    private Client build() {
        if (!configured()) {
            throw new IllegalStateException("no ledger configured (zkgw.chain.rpc-url)");
        }
        String anchor = config.chain().trustAnchor().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "zkgw.chain.trust-anchor is required with a ledger: the light client verifies everything the node says from it"));
        CometRpcClient rpc = new CometRpcClient(URI.create(config.chain().rpcUrl().orElseThrow()), Duration.ofSeconds(20));
        try {
            LightClient light = LightClient.fromAnchor(new RpcLightBlockProvider(rpc), TrustOptions.defaults(config.chain().chainId()),
                    TrustAnchor.parse(anchor), Instant.now());
            return new Client(rpc, new TxSigner(config.chain().chainId(), signingSeed(config.chain().signingKeyFile())),
                    new TxBroadcaster(rpc), new LedgerQueries(rpc), new VerifiedQueries(rpc, light, Clock.systemUTC()));
        } catch (VerificationException e) {
            throw new IllegalStateException("the trust anchor " + anchor + " does not verify against the node: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ChainUnavailable("cannot reach the ledger at " + config.chain().rpcUrl().orElseThrow() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainUnavailable("interrupted", e);
        }
    }

    /** The Ed25519 seed of an envelope/ key file (validated by KeyFiles first: kind, lengths, derivation, mode). */
    static byte[] signingSeed(Path file) {
        try {
            KeyFiles.readSigning(file);
            JsonNode n = new ObjectMapper().readTree(Files.readString(file));
            return HEX.parseHex(n.get("private_key").asText());
        } catch (KeyFileException e) {
            throw new IllegalStateException("signing key unusable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read signing key file " + file + ": " + e.getMessage(), e);
        }
    }
}
