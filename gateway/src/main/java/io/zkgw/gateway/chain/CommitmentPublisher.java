package io.zkgw.gateway.chain;

import io.quarkus.scheduler.Scheduled;
import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.gateway.dataset.CommitmentStatus;
import io.zkgw.gateway.dataset.DatasetEntity;
import io.zkgw.gateway.keys.ProviderKeyEntity;
import io.zkgw.gateway.model.ModelEntity;
import io.zkgw.gateway.model.ModelEpochEntity;
import io.zkgw.gateway.model.ModelRegistry;
import io.zkgw.gateway.model.ModelService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import org.jboss.logging.Logger;

/**
 * Puts the hospital's commitments on the ledger, in dependency order: RegisterProvider (the HPKE key
 * requests are encrypted to), then each CommitDataset, then each CommitModel whose dataset is on the
 * ledger, then each model's next commitment epoch (RecommitModel, {@link io.zkgw.gateway.model.ModelEpochs}).
 * Every transaction is signed and recorded (save before broadcast, {@link PublicationStore}),
 * then broadcast; later rounds confirm it through the light client, re-send the same bytes while it is
 * not in a block, and sign anew only when those bytes can never execute. A refusal that resending cannot
 * fix (e.g. INVALID_FIELD) stops that item at REFUSED with the ledger's code; nothing is sent for it
 * again until an admin registers it anew.
 */
@ApplicationScoped
public class CommitmentPublisher {
    private static final Logger LOG = Logger.getLogger(CommitmentPublisher.class);

    @Inject
    Ledger ledger;

    @Inject
    PublicationStore store;

    @Inject
    ModelService models;

    @Inject
    GatewayConfig config;

    @Scheduled(every = "${zkgw.chain.sync-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = ChainSyncDisabled.class)
    void tick() {
        try {
            publishOnce();
        } catch (Ledger.ChainUnavailable e) {
            LOG.warnf("commitments: ledger unavailable (%s); trying again", e.getMessage());
        }
    }

    /** One round: moves every pending item one step, in dependency order. */
    public void publishOnce() {
        if (!ledger.configured()) {
            return;
        }
        store.pending(PublicationStore.Kind.PROVIDER).forEach(this::advance);
        if (!store.providerCommitted()) {
            return; // CommitDataset and CommitModel need a registered provider
        }
        store.pending(PublicationStore.Kind.DATASET).forEach(this::advance);
        for (var m : store.pending(PublicationStore.Kind.MODEL)) {
            // CommitModel names the dataset's ledger id: wait until the dataset is there
            if (store.dataset(store.model(m.id()).datasetId).status == CommitmentStatus.COMMITTED) {
                advance(m);
            }
        }
        for (var e : store.pending(PublicationStore.Kind.EPOCH)) {
            // RecommitModel names the model's ledger id
            if (store.model(store.epoch(e.id()).modelId).status == CommitmentStatus.COMMITTED) {
                advance(e);
            }
        }
    }

    private void advance(PublicationStore.Item item) {
        if (item.status() == CommitmentStatus.REGISTERED) {
            if (item.kind() == PublicationStore.Kind.PROVIDER && alreadyRegistered(item)) {
                return;
            }
            if (item.kind() == PublicationStore.Kind.EPOCH && epochSettled(item, ledger.latestHeight())) {
                return;
            }
            ledger.inOrder(() -> {
                Ledger.SignedTx tx = signAndRecord(item);
                send(item, tx);
                return null;
            });
            return;
        }
        Ledger.TxStatus st = ledger.status(item.txHash());
        if (st.committed()) {
            if (st.code() == 0 && item.kind() == PublicationStore.Kind.EPOCH) {
                epochSettled(item, st.height()); // the ledger numbers epochs itself: check it gave ours the number we use
            } else if (st.code() == 0) {
                store.recordCommitted(item, st.height(), ledger.address());
                LOG.infof("%s committed on the ledger at height %d (tx %s)", item.label(), st.height(), item.txHash());
            } else if (item.kind() == PublicationStore.Kind.PROVIDER && "ALREADY_EXISTS".equals(st.codeName())) {
                alreadyRegistered(item);
            } else {
                store.recordFailed(item, st.codeName(), true);
                LOG.errorf("%s: the ledger executed tx %s with %s; not sent again", item.label(), item.txHash(), st.codeName());
            }
            return;
        }
        ledger.inOrder(() -> {
            send(item, new Ledger.SignedTx(item.txBytes(), item.txHash()));
            return null;
        });
    }

    /** The provider record may exist already (a previous install, a lost database): adopt it if it is our key. */
    private boolean alreadyRegistered(PublicationStore.Item item) {
        var onChain = ledger.registeredProviderKey();
        if (onChain.isEmpty()) {
            return false;
        }
        ProviderKeyEntity key = store.provider(item.id());
        if (Arrays.equals(onChain.get(), key.publicKey)) {
            store.recordCommitted(item, ledger.latestHeight(), ledger.address());
            LOG.infof("provider %s is registered on the ledger with this gateway's HPKE key", ledger.address());
        } else {
            store.recordFailed(item, "ANOTHER_KEY_REGISTERED", true);
            LOG.errorf("provider %s is registered on the ledger with another HPKE key; requests encrypted to it "
                    + "cannot be opened here (key rotation is not supported by the ledger yet)", ledger.address());
        }
        return true;
    }

    /**
     * Whether the ledger already decided this epoch: it holds our commitment under our epoch number
     * (COMMITTED: an earlier transaction of ours went through), or another one (REFUSED: proofs made
     * against our commitment could never verify). False when the epoch is still to be sent.
     */
    private boolean epochSettled(PublicationStore.Item item, long height) {
        ModelEpochEntity row = store.epoch(item.id());
        ModelEntity m = store.model(row.modelId);
        var onChain = ledger.modelEpochs(m.chainModelId, row.epoch);
        if (onChain.isEmpty() || Integer.compareUnsigned(onChain.get().latest(), row.epoch) < 0) {
            return false;
        }
        if (onChain.get().commitment().filter(c -> Arrays.equals(c, row.modelCommitment)).isPresent()) {
            store.recordCommitted(item, height, ledger.address());
            LOG.infof("model %s epoch %d committed on the ledger (proof budget %d)", m.id, row.epoch, row.proofBudget);
        } else {
            store.recordFailed(item, "EPOCH_MISMATCH", true);
            LOG.errorf("model %s: the ledger's epoch %d is not the commitment this gateway made for it", m.id, row.epoch);
        }
        return true;
    }

    private Ledger.SignedTx signAndRecord(PublicationStore.Item item) {
        return switch (item.kind()) {
            case PROVIDER -> {
                ProviderKeyEntity k = store.provider(item.id());
                Ledger.SignedTx tx = ledger.registerProvider(config.chain().providerName(), k.publicKey);
                store.recordSigned(item, tx, null, ledger.address());
                yield tx;
            }
            case DATASET -> {
                DatasetEntity d = store.dataset(item.id());
                Ledger.SignedCommit c = ledger.commitDataset(d.merkleRoot, d.recordCount, d.schemaHash);
                store.recordSigned(item, c.tx(), c.id(), ledger.address());
                yield c.tx();
            }
            case MODEL -> {
                ModelEntity m = store.model(item.id());
                DatasetEntity d = store.dataset(m.datasetId);
                ModelRegistry.Loaded loaded = models.loaded(m);
                byte[] description = loaded.committed().description().encode();
                Ledger.SignedCommit c = ledger.commitModel(new Ledger.ModelCommit(m.modelCommitment, description,
                        d.chainDatasetId, m.price, m.policyHash, ZkmFile.cardJson(loaded.file().card())));
                store.recordSigned(item, c.tx(), c.id(), ledger.address());
                yield c.tx();
            }
            case EPOCH -> {
                ModelEpochEntity e = store.epoch(item.id());
                if (e.epochLink == null) {
                    // rows made before schema version 5 carry no link, and a ledger of app_version 5 or later refuses a RecommitModel without one
                    throw new IllegalStateException("model " + e.modelId + " epoch " + e.epoch + " has no epoch link");
                }
                Ledger.SignedTx tx = ledger.recommitModel(store.model(e.modelId).chainModelId, e.modelCommitment, e.epochLink);
                store.recordSigned(item, tx, null, ledger.address());
                yield tx;
            }
        };
    }

    /** Broadcasts recorded bytes; a refusal either clears them for re-signing or stops the item. */
    private void send(PublicationStore.Item item, Ledger.SignedTx tx) {
        try {
            ledger.broadcast(tx);
        } catch (Ledger.Refused r) {
            if (ledger.status(tx.hash()).committed()) {
                return; // these bytes executed meanwhile; the next round confirms them
            }
            boolean resend = "WRONG_SEQUENCE".equals(r.code()) || "INSUFFICIENT_FUNDS".equals(r.code())
                    || "FEE_TOO_LOW".equals(r.code());
            store.recordFailed(item, r.code(), !resend);
            if (resend) {
                LOG.warnf("%s: tx %s refused with %s; signing anew next round", item.label(), tx.hash(), r.code());
            } else {
                LOG.errorf("%s: tx %s refused with %s; not sent again", item.label(), tx.hash(), r.code());
            }
        }
    }
}
