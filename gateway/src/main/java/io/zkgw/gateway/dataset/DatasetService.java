package io.zkgw.gateway.dataset;

import io.zkgw.commitments.Sha256;
import io.zkgw.commitments.dataset.DatasetCommitter;
import io.zkgw.commitments.dataset.DatasetException;
import io.zkgw.gateway.audit.AuditService;
import io.zkgw.gateway.db.Timestamps;
import io.zkgw.gateway.keys.DatasetSaltKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Registers dataset files that stay where they are on the appliance: one streaming pass computes the
 * Merkle root (commitments/DatasetCommitter) and the file's SHA-256; only those, the record count and
 * the schema hash are stored. The file is never copied and no record is logged.
 */
@ApplicationScoped
public class DatasetService {
    private static final Logger LOG = Logger.getLogger(DatasetService.class);

    @Inject
    Session session;

    @Inject
    DatasetSaltKey saltKey;

    @Inject
    AuditService audit;

    /** A dataset registration refused for a reason the caller can fix (bad path, duplicate name, bad file). */
    public static final class InvalidDataset extends RuntimeException {
        public InvalidDataset(String message) {
            super(message);
        }
    }

    @Transactional
    public DatasetEntity register(String name, Path file, String user) {
        if (name == null || name.isBlank() || name.length() > 128) {
            throw new InvalidDataset("dataset name must be 1..128 characters");
        }
        if (file == null || !file.isAbsolute()) {
            throw new InvalidDataset("dataset path must be an absolute path on the appliance");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidDataset("dataset file " + file + " does not exist or is not a readable file");
        }
        if (byName(name).isPresent()) {
            throw new InvalidDataset("a dataset named '" + name + "' is already registered");
        }
        DatasetCommitter.Committed committed;
        byte[] fileHash;
        long size;
        try (DigestInputStream in = new DigestInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16), sha256())) {
            committed = new DatasetCommitter(saltKey.datasetSaltKey()).commit((InputStream) in, file.toString());
            // drain anything after the last record so the file hash covers the whole file
            in.transferTo(java.io.OutputStream.nullOutputStream());
            fileHash = in.getMessageDigest().digest();
            size = Files.size(file);
        } catch (DatasetException e) {
            throw new InvalidDataset(e.getMessage());
        } catch (IOException e) {
            throw new InvalidDataset("cannot read dataset file " + file + ": " + e.getMessage());
        }
        if (committed.commitment().recordCount() == 0) {
            throw new InvalidDataset("dataset file " + file + " has a header but no records");
        }
        var now = Timestamps.now();
        DatasetEntity d = new DatasetEntity();
        d.id = UUID.randomUUID();
        d.name = name;
        d.filePath = file.toString();
        d.fileSize = size;
        d.fileSha256 = fileHash;
        d.merkleRoot = committed.commitment().root();
        d.recordCount = committed.commitment().recordCount();
        d.schemaHash = committed.commitment().schemaHash();
        d.status = CommitmentStatus.REGISTERED;
        d.registeredBy = user;
        d.createdAt = now;
        d.updatedAt = now;
        session.persist(d);
        audit.append("dataset_registered", "dataset=" + d.id + "\nmerkle_root=" + Sha256.hex(d.merkleRoot)
                + "\nrecord_count=" + d.recordCount + "\nschema_hash=" + Sha256.hex(d.schemaHash) + "\n");
        LOG.infof("dataset %s registered: %d records, root %s", d.id, d.recordCount, Sha256.hex(d.merkleRoot));
        return d;
    }

    @Transactional
    public Optional<DatasetEntity> find(UUID id) {
        return Optional.ofNullable(session.find(DatasetEntity.class, id));
    }

    @Transactional
    public Optional<DatasetEntity> byName(String name) {
        return session.createSelectionQuery("from DatasetEntity where name = :n", DatasetEntity.class)
                .setParameter("n", name).uniqueResultOptional();
    }

    @Transactional
    public List<DatasetEntity> list() {
        return session.createSelectionQuery("from DatasetEntity order by createdAt", DatasetEntity.class).getResultList();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
