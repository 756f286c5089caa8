package io.zkgw.gateway.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One prediction request and its progress. Holds only what the ledger already made public (commitments,
 * ciphertext) and what the gateway will publish (masked output, proof, signed transaction); the decrypted
 * input never touches the database: a worker that resumes a job decrypts the ciphertext again.
 */
@Entity
@Table(name = "job")
public class JobEntity {
    @Id
    public UUID id;

    /** The ledger's request id (64 hex digits). Unique: the same request never becomes two jobs. */
    @Column(name = "request_id", nullable = false, unique = true, length = 64)
    public String requestId;

    /** The local model; null when the request names a model this gateway does not serve. */
    @Column(name = "model_id")
    public UUID modelId;

    /** The model id as the ledger names it (32 bytes; the envelope is bound to it). */
    @Column(name = "chain_model_id", nullable = false)
    public byte[] chainModelId;

    /** The requester's address, 40 lower-case hex digits. */
    @Column(nullable = false, length = 40)
    public String requester;

    @Column(nullable = false)
    public long fee;

    @Column(name = "request_height", nullable = false)
    public long requestHeight;

    @Column(name = "deadline_height", nullable = false)
    public long deadlineHeight;

    @Column(name = "input_commitment", nullable = false)
    public byte[] inputCommitment;

    @Column(name = "mask_commitment", nullable = false)
    public byte[] maskCommitment;

    @Column(name = "encrypted_payload", nullable = false)
    public byte[] encryptedPayload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public JobState state;

    /** Failed tries of the current step (reset when the job moves on). */
    @Column(nullable = false)
    public int attempts;

    /** Times a worker claimed the job (grows when a worker dies holding it). */
    @Column(nullable = false)
    public int claims;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(name = "lease_owner", length = 64)
    public String leaseOwner;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    /** A code from {@link JobError}, never a message that could quote request data. */
    @Column(name = "last_error_code", length = 64)
    public String lastErrorCode;

    /** The RejectRequest reason code (envelope/'s Reason, or a policy rule's code). */
    @Column(name = "reject_reason")
    public Integer rejectReason;

    /** Its name for people and metrics: a Reason name or policy:rule-name. */
    @Column(name = "reject_reason_name", length = 80)
    public String rejectReasonName;

    /** The model commitment epoch whose proof slot this job holds (set before proving, kept across retries). */
    @Column(name = "model_epoch")
    public Integer modelEpoch;

    @Column(name = "masked_output")
    public byte[] maskedOutput;

    @Column
    public byte[] proof;

    @Column(name = "proving_millis")
    public Long provingMillis;

    /** {@code fulfil} or {@code reject}: what the recorded transaction does. */
    @Column(name = "tx_kind", length = 16)
    public String txKind;

    /** The signed transaction, recorded before it is broadcast so a restart re-sends the same bytes. */
    @Column(name = "tx_bytes")
    public byte[] txBytes;

    @Column(name = "tx_hash", length = 64)
    public String txHash;

    @Column(name = "tx_height")
    public Long txHeight;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
