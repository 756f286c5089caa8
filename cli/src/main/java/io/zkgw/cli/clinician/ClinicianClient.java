package io.zkgw.cli.clinician;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.zkgw.chainapp.app.Transactions;
import io.zkgw.chainapp.proto.FulfillPrediction;
import io.zkgw.chainapp.proto.FulfillPredictions;
import io.zkgw.chainapp.proto.Model;
import io.zkgw.chainapp.proto.ModelEpoch;
import io.zkgw.chainapp.proto.Params;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.Provider;
import io.zkgw.chainapp.proto.RequestPrediction;
import io.zkgw.chainapp.proto.RequestStatus;
import io.zkgw.chainapp.proto.Tx;
import io.zkgw.chainapp.proto.TxBody;
import io.zkgw.chainclient.events.TxQuery;
import io.zkgw.chainclient.events.TxSubscription;
import io.zkgw.chainclient.light.LightClient;
import io.zkgw.chainclient.light.TrustAnchor;
import io.zkgw.chainclient.light.TrustOptions;
import io.zkgw.chainclient.light.VerificationException;
import io.zkgw.chainclient.query.AccountState;
import io.zkgw.chainclient.query.LedgerPaths;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.query.QueryFailedException;
import io.zkgw.chainclient.query.VerifiedQueries;
import io.zkgw.chainclient.rpc.AbciQueryResult;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.NodeStatus;
import io.zkgw.chainclient.rpc.RpcLightBlockProvider;
import io.zkgw.chainclient.rpc.TxRecord;
import io.zkgw.chainclient.tx.InclusionTimeoutException;
import io.zkgw.chainclient.tx.Messages;
import io.zkgw.chainclient.tx.ResultCodes;
import io.zkgw.chainclient.tx.SignedTx;
import io.zkgw.chainclient.tx.TxBroadcaster;
import io.zkgw.chainclient.tx.TxRejectedException;
import io.zkgw.chainclient.tx.TxSigner;
import io.zkgw.chainclient.types.Hex;
import io.zkgw.envelope.EnvelopeException;
import io.zkgw.envelope.PreparedRequest;
import io.zkgw.envelope.RequestEnvelope;
import io.zkgw.envelope.SigningKey;
import io.zkgw.inference.card.ModelCard;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.inference.CircuitDescription;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The clinician's side of a paid prediction, over a CometBFT node that it does not trust: everything read
 * from the chain (model, provider, request, the fulfilment transaction) is checked by the light client
 * from a trust anchor, and a fulfilment's proof is verified here before the answer is unmasked.
 *
 * <pre>
 * try (ClinicianClient c = ClinicianClient.connect(ClinicianClient.Settings.of(URI.create("http://127.0.0.1:26657/")))) {
 *     SentRequest s = c.request(key, providerHex, modelIdHex, PatientInput.read(Path.of("patient.json")), 500, 1000);
 *     RequestResult r = c.awaitResult(s.requestId(), Duration.ofMinutes(10), ProgressListener.SILENT);
 * }
 * </pre>
 * Secrets (x and the mask seed) go to the {@link RequestStore} under {@code home/requests} before the
 * transaction is sent; the trust anchor per chain is kept in {@code home/trust-anchors.json}.
 */
public final class ClinicianClient implements AutoCloseable {
    /** How long to wait for a sent request to be included. */
    static final Duration INCLUSION_WAIT = Duration.ofSeconds(60);
    /** How long the node's tx index may lag behind a state change it has already committed. */
    static final Duration INDEX_WAIT = Duration.ofSeconds(30);
    static final Duration POLL = Duration.ofMillis(200);
    /** A stored anchor older than this (by its header time) is moved forward, well inside the trusting period. */
    static final Duration ANCHOR_REFRESH = TrustOptions.DEFAULT_TRUSTING_PERIOD.dividedBy(2);

    /**
     * Where and how to connect.
     *
     * @param rpc         the node's JSON-RPC address
     * @param chainId     the expected chain id, or null to take the node's
     * @param trustAnchor a header hash obtained out of band ({@code height:HASH}), or null to use the stored
     *                    one, or (first use) the node's latest block, with a warning
     * @param home        holds {@code requests/} and {@code trust-anchors.json} (default {@code ~/.zkgw})
     * @param warnings    receives warnings meant for the user (trust on first use)
     */
    public record Settings(URI rpc, String chainId, TrustAnchor trustAnchor, Path home, Consumer<String> warnings,
                           Clock clock, SecureRandom random) {
        public Settings {
            Objects.requireNonNull(rpc, "rpc");
            home = home == null ? defaultHome() : home;
            warnings = warnings == null ? w -> {} : warnings;
            clock = clock == null ? Clock.systemUTC() : clock;
            random = random == null ? new SecureRandom() : random;
        }

        public static Settings of(URI rpc) {
            return new Settings(rpc, null, null, null, null, null, null);
        }

        public Settings withChainId(String c) {
            return new Settings(rpc, c, trustAnchor, home, warnings, clock, random);
        }

        public Settings withTrustAnchor(TrustAnchor a) {
            return new Settings(rpc, chainId, a, home, warnings, clock, random);
        }

        public Settings withHome(Path h) {
            return new Settings(rpc, chainId, trustAnchor, h, warnings, clock, random);
        }

        public Settings withWarnings(Consumer<String> w) {
            return new Settings(rpc, chainId, trustAnchor, home, w, clock, random);
        }
    }

    /** {@code ~/.zkgw}. */
    public static Path defaultHome() {
        return Path.of(System.getProperty("user.home"), ".zkgw");
    }

    /** A model as committed, proven against the trust anchor, with its card parsed and checked against D. */
    public record ModelInfo(String modelId, String provider, long price, long height, ModelCard card,
                            byte[] circuitDescription, byte[] weightsCommitment, byte[] cardBytes) {}

    /** A registered provider, proven. */
    public record ProviderInfo(String address, String name, byte[] hpkePublicKey, long registeredHeight) {}

    private final CometRpcClient rpc;
    private final String chainId;
    private final LightClient light;
    private final VerifiedQueries verified;
    private final RequestStore store;
    private final TrustStore trust;
    private final Settings settings;

    private ClinicianClient(CometRpcClient rpc, String chainId, LightClient light, RequestStore store, TrustStore trust,
                            Settings settings) {
        this.rpc = rpc;
        this.chainId = chainId;
        this.light = light;
        this.verified = new VerifiedQueries(rpc, light, settings.clock());
        this.store = store;
        this.trust = trust;
        this.settings = settings;
    }

    /**
     * Connects, settles the chain id and anchors the light client: the given anchor, else the one stored for
     * this chain, else (trust on first use) the node's latest block, which is stored and reported through
     * {@code warnings}. The anchor block must verify (its hash, more than 2/3 of its validators' signatures).
     */
    public static ClinicianClient connect(Settings s) {
        CometRpcClient rpc = new CometRpcClient(s.rpc(), Duration.ofSeconds(30));
        try {
            NodeStatus status = rpc.status();
            String chain = s.chainId() == null ? status.chainId() : s.chainId();
            if (!chain.equals(status.chainId())) {
                throw new ClinicianException(ClinicianException.Kind.VERIFICATION, "the node at " + s.rpc()
                        + " serves chain '" + status.chainId() + "', not '" + chain + "'");
            }
            TrustStore trust = new TrustStore(s.home().resolve("trust-anchors.json"));
            TrustAnchor anchor = s.trustAnchor();
            boolean firstUse = false;
            if (anchor == null) {
                anchor = trust.get(chain).orElse(null);
            }
            RpcLightBlockProvider blocks = new RpcLightBlockProvider(rpc);
            if (anchor == null) {
                long h = status.latestHeight();
                anchor = new TrustAnchor(h, blocks.lightBlock(h).header().hash());
                firstUse = true;
            }
            LightClient light;
            try {
                light = LightClient.fromAnchor(blocks, TrustOptions.defaults(chain), anchor, s.clock().instant());
            } catch (VerificationException e) {
                throw new ClinicianException(ClinicianException.Kind.VERIFICATION, "the node's block does not verify"
                        + " against the trust anchor " + anchor + " of chain '" + chain + "': " + e.getMessage(), e);
            }
            if (firstUse) {
                trust.put(chain, anchor);
                s.warnings().accept("no trust anchor for chain '" + chain + "': trusting the node's block " + anchor
                        + " on first use (saved in " + trust.file() + "; later runs are checked against it). Pass"
                        + " --trust-anchor HEIGHT:HASH from a source you trust to pin it instead.");
            } else if (s.trustAnchor() != null && !trust.get(chain).map(s.trustAnchor()::equals).orElse(false)) {
                trust.put(chain, s.trustAnchor());
            }
            return new ClinicianClient(rpc, chain, light, new RequestStore(s.home().resolve("requests")), trust, s);
        } catch (IOException e) {
            rpc.close();
            throw node(e);
        } catch (InterruptedException e) {
            rpc.close();
            Thread.currentThread().interrupt();
            throw new ClinicianException(ClinicianException.Kind.NODE, "interrupted");
        } catch (RuntimeException e) {
            rpc.close();
            throw e;
        }
    }

    public String chainId() {
        return chainId;
    }

    public RequestStore store() {
        return store;
    }

    /** The highest block verified so far, as an anchor. */
    public TrustAnchor latestTrusted() {
        return light.latestTrusted();
    }

    // ---------------------------------------------------------------- reads, proven

    /** The model, proven; {@link ClinicianException.Kind#UNKNOWN_MODEL} when absent or without a usable card. */
    public ModelInfo model(String modelId) {
        Model m = provenModel(modelId, id(modelId, 32, "model id"));
        CircuitDescription d = circuit(m.getCircuitDescription().toByteArray(), modelId);
        ModelCard card = ModelCards.parse(m.getModelCard().toByteArray(), d, modelId);
        return new ModelInfo(modelId, Hex.lower(m.getProvider()), m.getPrice(), m.getHeight(), card,
                m.getCircuitDescription().toByteArray(), m.getWeightsCommitment().toByteArray(), m.getModelCard().toByteArray());
    }

    private Model provenModel(String modelId, byte[] id) {
        byte[] v = call(() -> verified.read(LedgerPaths.MODEL, id).value());
        if (v == null) {
            throw new ClinicianException(ClinicianException.Kind.UNKNOWN_MODEL, "unknown model " + modelId
                    + ": not committed on chain '" + chainId + "'");
        }
        return parse(() -> Model.parseFrom(v), "model " + modelId);
    }

    /** The provider, proven; {@link ClinicianException.Kind#UNKNOWN_PROVIDER} when not registered. */
    public ProviderInfo provider(String address) {
        byte[] a = id(address, 20, "provider address");
        byte[] v = call(() -> verified.read(LedgerPaths.PROVIDER, a).value());
        if (v == null) {
            throw new ClinicianException(ClinicianException.Kind.UNKNOWN_PROVIDER, "provider " + address
                    + " is not registered on chain '" + chainId + "'");
        }
        Provider p = parse(() -> Provider.parseFrom(v), "provider " + address);
        return new ProviderInfo(address, p.getName(), p.getHpkePublicKey().toByteArray(), p.getRegisteredHeight());
    }

    // ---------------------------------------------------------------- model epochs (auditors)

    /** One commitment of a model as the ledger holds it, proven: epoch 0 from CommitModel, later ones from RecommitModel. */
    public record EpochInfo(int epoch, byte[] weightsCommitment, int proofBudget, int proofsUsed, long height) {}

    /** A model (its id in lower-case hex), its circuit description and its epochs 0 .. latest, proven against the trust anchor. */
    public record ModelEpochs(String modelId, byte[] circuitDescription, List<EpochInfo> epochs) {}

    /** The model's epochs, proven (the latest epoch number from the proven model, then every epoch in one read). */
    public ModelEpochs modelEpochs(String modelId) {
        byte[] id = id(modelId, 32, "model id");
        Model m = provenModel(modelId, id);
        List<byte[]> keys = new ArrayList<>();
        for (int e = 0; e <= m.getEpoch(); e++) {
            keys.add(LedgerPaths.modelEpochData(id, e));
        }
        List<VerifiedQueries.VerifiedValue> proven = call(() -> verified.readAll(LedgerPaths.MODEL_EPOCH, keys));
        List<EpochInfo> epochs = new ArrayList<>();
        for (int e = 0; e < proven.size(); e++) {
            byte[] ev = proven.get(e).value();
            int epoch = e;
            if (ev == null) {
                throw new ClinicianException(ClinicianException.Kind.VERIFICATION, "epoch " + epoch + " of model " + modelId
                        + " is not in the proven state (the model names epoch " + m.getEpoch() + " as its latest)");
            }
            ModelEpoch me = parse(() -> ModelEpoch.parseFrom(ev), "epoch " + epoch + " of model " + modelId);
            epochs.add(new EpochInfo(epoch, me.getWeightsCommitment().toByteArray(), me.getProofBudget(), me.getProofsUsed(), me.getHeight()));
        }
        return new ModelEpochs(Hex.lower(id), m.getCircuitDescription().toByteArray(), List.copyOf(epochs));
    }

    /**
     * The candidate epoch links of {@code epoch} (≥ 1), read from block {@code epoch.height()} (the height the proven state
     * records for the epoch), whose txs the light client verifies against the block's header: the link of every RecommitModel
     * in it of this model with exactly the epoch's proven commitment, in block order. Needs no tx index on the node, only the
     * block. Usually one; an identical RecommitModel that failed in the same block adds another, and the block does not
     * say which one was executed, so {@link EpochChain#check} accepts the epoch if any of them verifies.
     */
    public List<byte[]> epochLinks(String modelId, EpochInfo epoch) {
        if (epoch.epoch() < 1) {
            throw new IllegalArgumentException("epoch 0 is made by CommitModel and has no link");
        }
        byte[] id = id(modelId, 32, "model id");
        VerifiedQueries.VerifiedBlockTxs block = call(() -> verified.blockTxs(epoch.height()));
        List<byte[]> links = new ArrayList<>();
        for (ByteString raw : block.txs()) {
            TxBody body;
            try {
                body = TxBody.parseFrom(Tx.parseFrom(raw).getBody());
            } catch (InvalidProtocolBufferException e) {
                continue; // not one of ours, so not the RecommitModel either
            }
            if (body.hasRecommitModel() && Arrays.equals(body.getRecommitModel().getModelId().toByteArray(), id)
                    && Arrays.equals(body.getRecommitModel().getWeightsCommitment().toByteArray(), epoch.weightsCommitment())) {
                links.add(body.getRecommitModel().getEpochLink().toByteArray());
            }
        }
        if (links.isEmpty()) {
            throw new ClinicianException(ClinicianException.Kind.VERIFICATION, "block " + epoch.height() + " (" + block.txs().size()
                    + " txs, verified) holds no RecommitModel of model " + modelId + " with the commitment of its epoch " + epoch.epoch());
        }
        return List.copyOf(links);
    }

    // ---------------------------------------------------------------- request

    /** {@link #request(SigningKey, String, String, PatientInput, long, long, long)} paying the ledger's minimum tx fee. */
    public SentRequest request(SigningKey key, String provider, String modelId, PatientInput patient, long fee,
                               long deadlineBlocks) {
        return request(key, provider, modelId, patient, fee, deadlineBlocks, -1);
    }

    /**
     * Sends a paid, encrypted prediction request and waits until it is included: checks model and provider
     * on the ledger, quantises the patient's features with the model's card, commits to x and a fresh mask,
     * seals x and the mask seed to the provider's HPKE key, keeps them in the store (before sending), signs
     * RequestPrediction with {@code key} and broadcasts it. A refusal by the ledger
     * ({@link ClinicianException.Kind#LEDGER_REFUSED}, e.g. FEE_BELOW_PRICE, INSUFFICIENT_FUNDS) removes the
     * store entry again.
     *
     * @param fee            the prediction fee to escrow (at least the model's price)
     * @param deadlineBlocks the request expires this many blocks after the current height
     * @param txFee          the transaction fee, or −1 for the ledger's {@code min_tx_fee}
     */
    public SentRequest request(SigningKey key, String provider, String modelId, PatientInput patient, long fee,
                               long deadlineBlocks, long txFee) {
        if (fee < 0) {
            throw new ClinicianException(ClinicianException.Kind.BAD_INPUT, "--fee must be a non-negative integer");
        }
        if (deadlineBlocks < 2) {
            throw new ClinicianException(ClinicianException.Kind.BAD_INPUT, "--deadline-blocks must be at least 2");
        }
        String providerHex = Hex.lower(id(provider, 20, "provider address"));
        ProviderInfo prov = provider(providerHex);
        ModelInfo model = model(modelId);
        if (!model.provider().equals(providerHex)) {
            throw new ClinicianException(ClinicianException.Kind.UNKNOWN_PROVIDER, "model " + modelId
                    + " belongs to provider " + model.provider() + ", not " + providerHex);
        }
        if (prov.hpkePublicKey().length != 32) {
            throw new ClinicianException(ClinicianException.Kind.UNKNOWN_PROVIDER, "provider " + providerHex
                    + " registered a " + prov.hpkePublicKey().length + "-byte key, not an X25519 HPKE key");
        }
        long[] x = patient.quantise(model.card());
        CircuitDescription d = circuit(model.circuitDescription(), modelId);

        byte[] requester = key.address();
        TxSigner signer = new TxSigner(chainId, key.seed());
        long minFee = call(() -> {
            byte[] v = verified.read(LedgerPaths.PARAMS, new byte[0]).value();
            return v == null ? 0L : Params.parseFrom(v).getMinTxFee();
        });
        long paid = txFee < 0 ? minFee : txFee;
        AccountState acct = call(() -> verified.account(ByteString.copyFrom(requester)));
        long deadline = Math.addExact(call(rpc::latestHeight), deadlineBlocks);

        PreparedRequest pr = RequestEnvelope.prepare(d, x, chainId, requester, Hex.parse(modelId).toByteArray(), fee,
                deadline, prov.hpkePublicKey(), settings.random());
        RequestPrediction msg = RequestPrediction.newBuilder()
                .setModelId(ByteString.copyFrom(pr.request().modelId()))
                .setFee(fee)
                .setInputCommitment(ByteString.copyFrom(pr.request().inputCommitment()))
                .setMaskCommitment(ByteString.copyFrom(pr.request().maskCommitment()))
                .setEncryptedPayload(ByteString.copyFrom(pr.encryptedPayload()))
                .setDeadlineHeight(deadline)
                .build();
        SignedTx tx = signer.sign(Messages.requestPrediction(msg), acct.sequence(), paid);
        String requestId = Hex.lower(Transactions.requestId(requester, acct.sequence()));
        String txHash = Hex.upper(tx.hash());
        Path file;
        try {
            // the secrets are on disk before anything is sent: an answer can always be unmasked
            file = store.save(new RequestStore.Entry(requestId, chainId, Hex.lower(requester), providerHex, modelId, fee,
                    deadline, txHash, pr.request().inputCommitment(), pr.request().maskCommitment(), pr.payload()));
        } catch (IOException e) {
            throw new ClinicianException(ClinicianException.Kind.STORE, "cannot write the request store entry in "
                    + store.dir() + ": " + e.getMessage() + "; nothing was sent");
        }
        TxRecord included;
        try {
            included = new TxBroadcaster(rpc).submitAndWait(tx, INCLUSION_WAIT);
        } catch (TxRejectedException e) {
            deleteQuietly(requestId);
            throw refused(e);
        } catch (InclusionTimeoutException e) {
            throw new ClinicianException(ClinicianException.Kind.NODE, "request " + requestId + " (tx " + txHash
                    + ") was not included within " + INCLUSION_WAIT.toSeconds() + " s; its secrets are kept in " + file
                    + "; run 'zkgw result " + requestId + "' later");
        } catch (IOException e) {
            throw node(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClinicianException(ClinicianException.Kind.NODE, "interrupted while sending request " + requestId);
        }
        // what the node says about inclusion is checked: the tx is in a verified block, the request in verified state
        call(() -> verified.tx(tx.hash()));
        PredictionRequest onChain = request(requestId);
        if (onChain == null || !MessageDigest.isEqual(onChain.getRequester().toByteArray(), requester)
                || !MessageDigest.isEqual(onChain.getInputCommitment().toByteArray(), pr.request().inputCommitment())
                || !MessageDigest.isEqual(onChain.getMaskCommitment().toByteArray(), pr.request().maskCommitment())) {
            throw new ClinicianException(ClinicianException.Kind.VERIFICATION, "tx " + txHash
                    + " is included but the ledger does not hold request " + requestId + " as sent");
        }
        refreshAnchor();
        return new SentRequest(requestId, txHash, included.height(), fee, paid, deadline, chainId, modelId, providerHex,
                Hex.lower(requester), file);
    }

    // ---------------------------------------------------------------- result

    /**
     * Waits until the request closes and returns how: the verified, unmasked prediction, the rejection
     * with its reason, or the expiry refund. Listens to the node's events (WebSocket) and also reads the
     * request every block, so neither a dropped event nor an expiry (which has no transaction) is missed.
     * The store entry is checked against the ledger first (an altered entry is refused).
     *
     * @param timeout how long to wait; {@code Duration.ZERO} looks once, null waits until the request closes
     *                (at the latest its deadline block)
     * @throws ClinicianException {@link ClinicianException.Kind#STILL_PENDING} when the wait ended first
     */
    public RequestResult awaitResult(String requestId, Duration timeout, ProgressListener progress) {
        Objects.requireNonNull(progress, "progress");
        byte[] id = id(requestId, 32, "request id");
        String idHex = Hex.lower(id);
        RequestStore.Entry entry = store.load(idHex);
        if (!entry.chainId().equals(chainId)) {
            throw RequestStore.store(store.file(idHex), "it is for chain '" + entry.chainId() + "', the node serves '"
                    + chainId + "'");
        }
        ModelInfo model = model(entry.modelId());
        CircuitDescription d = circuit(model.circuitDescription(), model.modelId());
        PredictionRequest r = request(idHex);
        if (r == null) {
            throw new ClinicianException(ClinicianException.Kind.UNKNOWN_REQUEST, "request " + idHex
                    + " is not on chain '" + chainId + "' (never included?)");
        }
        checkEntry(entry, r, d);

        long deadlineNanos = timeout == null ? Long.MAX_VALUE : System.nanoTime() + Math.max(0, timeout.toNanos());
        Semaphore wake = new Semaphore(0);
        AtomicReference<TxRecord> seen = new AtomicReference<>();
        List<TxSubscription> subs = new ArrayList<>();
        try {
            if (r.getStatus() == RequestStatus.REQUEST_STATUS_PENDING && (timeout == null || !timeout.isZero())) {
                subscribe(subs, idHex, seen, wake, progress);
            }
            LedgerQueries unverified = new LedgerQueries(rpc);
            long shownHeight = -1;
            long polledHeight = -1;
            while (r.getStatus() == RequestStatus.REQUEST_STATUS_PENDING) {
                long h = call(rpc::latestHeight);
                if (h != shownHeight) {
                    progress.waiting(h, r.getDeadlineHeight());
                    shownHeight = h;
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new ClinicianException(ClinicianException.Kind.STILL_PENDING, "request " + idHex
                            + " is still pending at height " + h + " (deadline " + r.getDeadlineHeight() + ")");
                }
                boolean woke = acquire(wake, Math.min(left, POLL.toNanos()));
                long now = call(rpc::latestHeight);
                if (woke || now != polledHeight) {
                    polledHeight = now;
                    // a cheap unproven look each block; only a change is worth proving
                    AbciQueryResult q = call(() -> unverified.read(LedgerPaths.REQUEST, id, false));
                    PredictionRequest peek = q.value().isEmpty() ? null
                            : parse(() -> PredictionRequest.parseFrom(q.value()), "request " + idHex);
                    if (woke || peek == null || peek.getStatus() != RequestStatus.REQUEST_STATUS_PENDING) {
                        PredictionRequest proven = request(idHex);
                        if (proven == null) {
                            throw new ClinicianException(ClinicianException.Kind.VERIFICATION, "request " + idHex
                                    + " disappeared from the proven state");
                        }
                        r = proven;
                    }
                }
            }
        } finally {
            subs.forEach(TxSubscription::close);
        }
        RequestResult result = switch (r.getStatus()) {
            case REQUEST_STATUS_FULFILLED -> fulfilled(idHex, entry, model, d, r, seen.get());
            case REQUEST_STATUS_REJECTED -> new RequestResult.Rejected(idHex, r.getRejectReason(),
                    ReasonNames.of(r.getRejectReason()), r.getFee(), r.getClosedHeight(),
                    closingTx("prediction_rejected", idHex, r.getClosedHeight(), seen.get(), false));
            case REQUEST_STATUS_EXPIRED -> new RequestResult.Expired(idHex, r.getFee(), r.getClosedHeight());
            default -> throw new ClinicianException(ClinicianException.Kind.VERIFICATION, "request " + idHex
                    + " has status " + r.getStatus() + " in the proven state");
        };
        refreshAnchor();
        return result;
    }

    private RequestResult.Fulfilled fulfilled(String idHex, RequestStore.Entry entry, ModelInfo model, CircuitDescription d,
                                              PredictionRequest r, TxRecord hint) {
        String txHash = closingTx("prediction_fulfilled", idHex, r.getClosedHeight(), hint, true);
        VerifiedQueries.VerifiedTx vt = call(() -> verified.tx(Hex.parse(txHash)));
        // the tx is a FulfillPrediction for this request alone, or a FulfillPredictions (one batch proof)
        // with this request among its answers
        List<ResultVerifier.Member> members = new ArrayList<>();
        int own = -1;
        int epoch;
        byte[] proof;
        try {
            TxBody body = TxBody.parseFrom(Tx.parseFrom(vt.tx().tx()).getBody());
            if (body.hasFulfillPrediction() && Hex.lower(body.getFulfillPrediction().getRequestId()).equals(idHex)) {
                FulfillPrediction f = body.getFulfillPrediction();
                members.add(new ResultVerifier.Member(r.getInputCommitment().toByteArray(), r.getMaskCommitment().toByteArray(),
                        f.getMaskedOutput().toByteArray()));
                own = 0;
                epoch = f.getModelEpoch();
                proof = f.getProof().toByteArray();
            } else if (body.hasFulfillPredictions()) {
                FulfillPredictions f = body.getFulfillPredictions();
                // every member's request, proven in one go (one verified header per state height)
                List<byte[]> keys = f.getAnswersList().stream().map(a -> a.getRequestId().toByteArray()).toList();
                List<VerifiedQueries.VerifiedValue> proven = call(() -> verified.readAll(LedgerPaths.REQUEST, keys));
                for (int i = 0; i < f.getAnswersCount(); i++) {
                    FulfillPredictions.Answer a = f.getAnswers(i);
                    String memberId = Hex.lower(a.getRequestId());
                    byte[] v = proven.get(i).value();
                    if (v == null) {
                        throw new InvalidProtocolBufferException("answered request " + memberId + " is not in the proven state");
                    }
                    PredictionRequest m = memberId.equals(idHex) ? r : PredictionRequest.parseFrom(v);
                    if (memberId.equals(idHex)) {
                        own = members.size();
                    }
                    members.add(new ResultVerifier.Member(m.getInputCommitment().toByteArray(), m.getMaskCommitment().toByteArray(),
                            a.getMaskedOutput().toByteArray()));
                }
                epoch = f.getModelEpoch();
                proof = f.getProof().toByteArray();
            } else {
                throw new InvalidProtocolBufferException("not a FulfillPrediction(s)");
            }
            if (own < 0) {
                throw new InvalidProtocolBufferException("the batch does not answer this request");
            }
        } catch (InvalidProtocolBufferException e) {
            throw new ClinicianException(ClinicianException.Kind.VERIFICATION, "tx " + txHash + " is not the fulfilment"
                    + " of request " + idHex + ": " + e.getMessage());
        }
        if (vt.tx().height() != r.getClosedHeight() || !Arrays.equals(members.get(own).maskedOutput(), r.getMaskedOutput().toByteArray())) {
            throw new ClinicianException(ClinicianException.Kind.VERIFICATION, "tx " + txHash + " disagrees with the"
                    + " proven state of request " + idHex + " (height or masked output)");
        }
        if (r.getWeightsCommitment().isEmpty() || epoch != r.getModelEpoch()) {
            throw new ClinicianException(ClinicianException.Kind.VERIFICATION, "request " + idHex + " names no model"
                    + " commitment, or another epoch than its fulfilment tx " + txHash);
        }
        // the commitment of the epoch the ledger verified the proof against (a model is committed again
        // every K proofs; docs/chain.md "Model epochs"), from the proven request state
        long[] y = ResultVerifier.verifyBatchAndUnmask(model.circuitDescription(), r.getWeightsCommitment().toByteArray(), members, own,
                proof, z -> RequestEnvelope.unmask(d, entry.secrets(), z));
        return new RequestResult.Fulfilled(idHex, Prediction.of(model.card(), y), r.getFee(), vt.tx().height(), txHash);
    }

    // The tx that closed the request: from the live event when one arrived, else tx_search by the event's
    // request_id (the index may lag behind the committed state a little). Required for a fulfilment (its
    // proof is only in the tx); for a rejection the reason is in the proven state and the tx is a courtesy.
    private String closingTx(String event, String idHex, long height, TxRecord hint, boolean required) {
        if (hint != null && hint.height() == height && hint.result().attribute(event, "request_id").map(idHex::equals).orElse(false)) {
            return Hex.upper(hint.hash());
        }
        long until = System.nanoTime() + (required ? INDEX_WAIT : Duration.ofSeconds(5)).toNanos();
        String query = event + ".request_id='" + idHex + "'";
        while (true) {
            var page = call(() -> rpc.txSearch(query, 1, 10));
            for (TxRecord t : page.txs()) {
                if (t.height() == height && t.result().ok()) {
                    String hash = Hex.upper(t.hash());
                    if (!required) {
                        call(() -> verified.tx(t.hash())); // shown only when proven
                    }
                    return hash;
                }
            }
            if (System.nanoTime() > until) {
                if (!required) {
                    return null;
                }
                throw new ClinicianException(ClinicianException.Kind.NODE, "the node does not give up the " + event
                        + " transaction of request " + idHex + " at height " + height + " (tx index)");
            }
            sleep(POLL);
        }
    }

    private void subscribe(List<TxSubscription> subs, String idHex, AtomicReference<TxRecord> seen, Semaphore wake,
                           ProgressListener progress) {
        for (String event : List.of("prediction_fulfilled", "prediction_rejected")) {
            try {
                subs.add(TxSubscription.open(rpc, TxQuery.eq(event + ".request_id", idHex), t -> {
                    seen.set(t);
                    wake.release();
                }, Duration.ofSeconds(10)));
            } catch (IOException e) {
                progress.note("live events unavailable (" + e.getMessage() + "); reading the ledger every block");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClinicianException(ClinicianException.Kind.NODE, "interrupted");
            }
        }
    }

    /** The store entry must be this request as the ledger holds it, and its secrets must open its commitments. */
    private void checkEntry(RequestStore.Entry e, PredictionRequest r, CircuitDescription d) {
        Path f = store.file(e.requestId());
        List<String> differ = new ArrayList<>();
        if (!Hex.lower(r.getRequester()).equals(e.requester())) {
            differ.add("requester");
        }
        if (!Hex.lower(r.getProvider()).equals(e.provider())) {
            differ.add("provider");
        }
        if (!Hex.lower(r.getModelId()).equals(e.modelId())) {
            differ.add("model_id");
        }
        if (r.getFee() != e.fee()) {
            differ.add("fee");
        }
        if (r.getDeadlineHeight() != e.deadlineHeight()) {
            differ.add("deadline_height");
        }
        if (!MessageDigest.isEqual(r.getInputCommitment().toByteArray(), e.inputCommitment())) {
            differ.add("input_commitment");
        }
        if (!MessageDigest.isEqual(r.getMaskCommitment().toByteArray(), e.maskCommitment())) {
            differ.add("mask_commitment");
        }
        if (!differ.isEmpty()) {
            throw RequestStore.store(f, "fields " + String.join(", ", differ) + " differ from the request on the ledger"
                    + " (altered?)");
        }
        try {
            RequestEnvelope.checkSecrets(d, e.secrets(), e.inputCommitment(), e.maskCommitment());
        } catch (EnvelopeException ex) {
            throw RequestStore.store(f, ex.getMessage() + " (altered?)");
        }
    }

    private PredictionRequest request(String idHex) {
        byte[] v = call(() -> verified.read(LedgerPaths.REQUEST, Hex.parse(idHex).toByteArray()).value());
        return v == null ? null : parse(() -> PredictionRequest.parseFrom(v), "request " + idHex);
    }

    private void refreshAnchor() {
        try {
            TrustAnchor stored = trust.get(chainId).orElse(null);
            TrustAnchor latest = light.latestTrusted();
            if (stored == null || latest.height() <= stored.height()) {
                return;
            }
            Instant storedTime = light.trustedAt(stored.height()).map(b -> b.header().time()).orElse(null);
            if (storedTime != null && storedTime.plus(ANCHOR_REFRESH).isBefore(settings.clock().instant())) {
                trust.put(chainId, latest);
            }
        } catch (ClinicianException e) {
            settings.warnings().accept(e.getMessage());
        }
    }

    private void deleteQuietly(String requestId) {
        try {
            store.delete(requestId);
        } catch (IOException e) {
            settings.warnings().accept("cannot remove " + store.file(requestId) + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        rpc.close();
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException, InterruptedException, VerificationException, QueryFailedException;
    }

    @FunctionalInterface
    private interface Parse<T> {
        T run() throws InvalidProtocolBufferException;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (VerificationException e) {
            throw new ClinicianException(ClinicianException.Kind.VERIFICATION, "the node's answer does not verify: "
                    + e.getMessage(), e);
        } catch (QueryFailedException e) {
            throw new ClinicianException(ClinicianException.Kind.NODE, e.getMessage(), e);
        } catch (IOException e) {
            throw node(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClinicianException(ClinicianException.Kind.NODE, "interrupted");
        }
    }

    private static <T> T parse(Parse<T> p, String what) {
        try {
            return p.run();
        } catch (InvalidProtocolBufferException e) {
            throw new ClinicianException(ClinicianException.Kind.VERIFICATION, "the proven state of " + what
                    + " does not decode");
        }
    }

    private static CircuitDescription circuit(byte[] bytes, String modelId) {
        try {
            return CircuitDescription.decode(bytes);
        } catch (DecodingException e) {
            throw new ClinicianException(ClinicianException.Kind.UNKNOWN_MODEL, "the circuit description of model "
                    + modelId + " does not decode: " + e.getMessage());
        }
    }

    static byte[] id(String hex, int bytes, String what) {
        if (hex == null || hex.length() != 2 * bytes || !hex.matches("[0-9a-fA-F]*")) {
            throw new ClinicianException(ClinicianException.Kind.BAD_INPUT, what + " must be " + 2 * bytes
                    + " hex digits" + (hex == null ? "" : ", got " + hex.length() + " characters"));
        }
        return Hex.parse(hex).toByteArray();
    }

    private static ClinicianException refused(TxRejectedException e) {
        String where = switch (e.stage()) {
            case MEMPOOL -> "the node refused the request transaction: " + e.log();
            case CHECK_TX -> "the ledger refused the request: " + ResultCodes.describe(e.codespace(), e.code(), e.log());
            case FINALIZE_BLOCK -> "the ledger refused the request in block " + e.height() + " (tx fee spent): "
                    + ResultCodes.describe(e.codespace(), e.code(), e.log());
        };
        return new ClinicianException(ClinicianException.Kind.LEDGER_REFUSED, where, e.ledgerCode().orElse(null), e);
    }

    private static ClinicianException node(IOException e) {
        return new ClinicianException(ClinicianException.Kind.NODE, "node: " + (e.getMessage() == null
                ? e.getClass().getSimpleName() : e.getMessage()), e);
    }

    private static boolean acquire(Semaphore s, long nanos) {
        try {
            return s.tryAcquire(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClinicianException(ClinicianException.Kind.NODE, "interrupted");
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClinicianException(ClinicianException.Kind.NODE, "interrupted");
        }
    }
}
