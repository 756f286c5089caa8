package io.zkgw.gateway.model;

import io.zkgw.commitments.Sha256;
import io.zkgw.gateway.audit.AuditService;
import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.gateway.dataset.CommitmentStatus;
import io.zkgw.gateway.dataset.DatasetEntity;
import io.zkgw.gateway.db.Timestamps;
import io.zkgw.gateway.inference.AdmissionPolicy;
import io.zkgw.gateway.keys.ModelBlindingKey;
import io.zkgw.inference.ModelPipeline;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.inference.quant.QuantConfig;
import io.zkgw.ir.ModelIrException;
import io.zkgw.prover.inference.CommittedModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Registers a float ONNX model: quantise with the calibration set (inference/ModelPipeline), write the
 * .zkm under the data dir, commit to the integer weights (prover/CommittedModel) and store the
 * commitment with price, policy hash and the dataset it was trained on.
 */
@ApplicationScoped
public class ModelService {
    private static final Logger LOG = Logger.getLogger(ModelService.class);

    @Inject
    Session session;

    @Inject
    GatewayConfig config;

    @Inject
    ModelRegistry registry;

    @Inject
    AuditService audit;

    @Inject
    AdmissionPolicy admission;

    @Inject
    ModelBlindingKey blinding;

    /** A model registration refused for a reason the caller can fix. */
    public static final class InvalidModel extends RuntimeException {
        public InvalidModel(String message) {
            super(message);
        }
    }

    /** What a registration needs: appliance paths, the dataset the model was trained on, price, labels. */
    public record Registration(String name, Path onnx, Path calibrationCsv, UUID datasetId, long price,
                               List<String> labels, byte[] policyHash) {}

    @Transactional
    public ModelEntity register(Registration r, String user) {
        if (r.name() == null || r.name().isBlank() || r.name().length() > 128) {
            throw new InvalidModel("model name must be 1..128 characters");
        }
        for (Path p : new Path[] {r.onnx(), r.calibrationCsv()}) {
            if (p == null || !p.isAbsolute() || !Files.isRegularFile(p)) {
                throw new InvalidModel("model file " + p + " must be an absolute path to a readable file on the appliance");
            }
        }
        if (r.price() < 0) {
            throw new InvalidModel("price must be >= 0");
        }
        if (r.policyHash() != null && r.policyHash().length != 32) {
            throw new InvalidModel("policy hash must be 32 bytes (64 hex digits)");
        }
        DatasetEntity dataset = session.find(DatasetEntity.class, r.datasetId());
        if (dataset == null) {
            throw new InvalidModel("no dataset " + r.datasetId() + " is registered");
        }
        if (byName(r.name()).isPresent()) {
            throw new InvalidModel("a model named '" + r.name() + "' is already registered");
        }
        ModelPipeline.Quantised q;
        try {
            q = ModelPipeline.quantize(r.onnx(), r.calibrationCsv(), QuantConfig.DEFAULT, Map.of(),
                    r.labels() == null ? List.of() : r.labels(), r.name());
        } catch (ModelIrException | IllegalArgumentException e) {
            throw new InvalidModel("cannot quantise " + r.onnx() + ": " + e.getMessage());
        }
        UUID id = UUID.randomUUID();
        Path zkm = config.dataDir().resolve("models").resolve(id + ".zkm").toAbsolutePath();
        try {
            Files.createDirectories(zkm.getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the model directory " + zkm.getParent() + ": " + e.getMessage(), e);
        }
        ZkmFile.write(zkm, q.quantized().intModel(), q.card());
        CommittedModel committed = CommittedModel.commit(q.quantized().intModel(), blinding.forModel(id),
                config.prover().proofBudget());
        var now = Timestamps.now();
        ModelEntity m = new ModelEntity();
        m.id = id;
        m.name = r.name();
        m.datasetId = dataset.id;
        m.zkmPath = zkm.toString();
        m.sourceOnnxSha256 = q.card().sourceSha256();
        m.integerModelSha256 = q.card().integerModelSha256();
        m.parameterCount = q.quantized().intModel().parameterCount();
        m.modelCommitment = committed.commitment().encode();
        m.circuitHash = committed.commitment().circuitHash().toByteArray();
        m.circuitSize = committed.description().encode().length;
        m.price = r.price();
        // the rules in force unless the admin names another set (e.g. rules about to be deployed)
        m.policyHash = r.policyHash() != null ? r.policyHash() : admission.hash();
        m.status = CommitmentStatus.REGISTERED;
        m.registeredBy = user;
        m.createdAt = now;
        m.updatedAt = now;
        session.persist(m);
        registry.put(id, new ModelRegistry.Loaded(committed, new ZkmFile.Loaded(q.quantized().intModel(), q.card())));
        audit.append("model_registered", "model=" + id + "\ndataset=" + dataset.id + "\nmodel_commitment="
                + Sha256.hex(m.modelCommitment) + "\nprice=" + m.price + "\n");
        LOG.infof("model %s registered: %d parameters, commitment %s", id, m.parameterCount, Sha256.hex(m.modelCommitment));
        return m;
    }

    @Transactional
    public Optional<ModelEntity> find(UUID id) {
        return Optional.ofNullable(session.find(ModelEntity.class, id));
    }

    @Transactional
    public Optional<ModelEntity> byName(String name) {
        return session.createSelectionQuery("from ModelEntity where name = :n", ModelEntity.class)
                .setParameter("n", name).uniqueResultOptional();
    }

    @Transactional
    public List<ModelEntity> list() {
        return session.createSelectionQuery("from ModelEntity order by createdAt", ModelEntity.class).getResultList();
    }

    /** The model a ledger request names (CommitModel's id), if it is one of ours. */
    @Transactional
    public Optional<ModelEntity> byChainId(byte[] chainModelId) {
        return session.createSelectionQuery("from ModelEntity where chainModelId = :c", ModelEntity.class)
                .setParameter("c", chainModelId).uniqueResultOptional();
    }

    /** Records that CommitModel was included: the ledger's id for the model and the transaction. */
    @Transactional
    public ModelEntity recordCommitted(UUID id, byte[] chainModelId, String txHash) {
        ModelEntity m = session.find(ModelEntity.class, id);
        if (m == null) {
            throw new InvalidModel("no model " + id + " is registered");
        }
        if (chainModelId.length != 32) {
            throw new InvalidModel("a ledger model id is 32 bytes");
        }
        m.chainModelId = chainModelId.clone();
        m.commitTxHash = txHash;
        m.status = CommitmentStatus.COMMITTED;
        m.updatedAt = Timestamps.now();
        audit.append("model_committed", "model=" + id + "\nchain_model_id=" + Sha256.hex(chainModelId) + "\ntx=" + txHash + "\n");
        return m;
    }

    /** The committed model for proving (loaded and checked against the stored commitment if needed). */
    public ModelRegistry.Loaded loaded(ModelEntity m) {
        return registry.get(m.id, Path.of(m.zkmPath), m.modelCommitment);
    }
}
