package io.zkgw.gateway.audit;

import io.zkgw.commitments.audit.AuditEntry;
import io.zkgw.commitments.audit.AuditLog;
import io.zkgw.gateway.db.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hibernate.Session;

/**
 * The gateway's audit log, stored in the database and chained exactly as commitments/audit defines it,
 * so an export verifies with {@code zkgw audit verify}. Appends join the caller's transaction: an
 * entry exists if and only if the action it records was committed.
 */
@ApplicationScoped
public class AuditService {
    @Inject
    Session session;

    /** Appends an entry; payload is canonical text (key=value lines of ids and commitments, no patient values). */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry append(String type, String payload) {
        AuditHeadEntity head = session.find(AuditHeadEntity.class, AuditHeadEntity.ID, LockModeType.PESSIMISTIC_WRITE);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        byte[] prev = head.head();
        byte[] hash = AuditEntry.chainHash(prev, head.nextSeq, type, p);
        AuditEntryEntity e = new AuditEntryEntity();
        e.seq = head.nextSeq;
        e.type = type;
        e.payload = p;
        e.prevHash = prev;
        e.hash = hash;
        e.createdAt = Timestamps.now();
        session.persist(e);
        head.nextSeq++;
        head.headHash = hash;
        return new AuditEntry(e.seq, type, p, e.prevHash, hash);
    }

    @Transactional
    public List<AuditEntry> entries() {
        return session.createSelectionQuery("from AuditEntryEntity order by seq", AuditEntryEntity.class).getResultList()
                .stream().map(e -> new AuditEntry(e.seq, e.type, e.payload, e.prevHash, e.hash)).toList();
    }

    @Transactional
    public byte[] head() {
        return session.find(AuditHeadEntity.class, AuditHeadEntity.ID).head();
    }

    /** An export and the head hash it ends at, read in one transaction so the two agree. */
    public record Export(String text, byte[] head) {}

    /** The export format of commitments/audit (tab-separated, hex), verifiable offline. */
    @Transactional
    public Export export() {
        byte[] h = session.find(AuditHeadEntity.class, AuditHeadEntity.ID, LockModeType.PESSIMISTIC_READ).head();
        return new Export(AuditLog.export(entries()), h);
    }
}
