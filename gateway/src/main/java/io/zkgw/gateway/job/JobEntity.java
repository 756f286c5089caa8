package io.zkgw.gateway.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

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

    /** Size of the proof (kept in job_payload with the signed tx; see {@link JobPayloadEntity}). */
    @Column(name = "proof_bytes")
    public Integer proofBytes;

    @Column(name = "inferred_at")
    public OffsetDateTime inferredAt;

    /** The batch leader's id on every member of a batch proof (the leader included); null when proved alone. */
    @Column(name = "batch_id")
    public UUID batchId;

    /** The member's place in the batch proof's statement (the leader is 0). */
    @Column(name = "batch_index")
    public Integer batchIndex;

    @Column(name = "proving_millis")
    public Long provingMillis;

    /** {@code fulfil} or {@code reject}: what the recorded transaction does. */
    @Column(name = "tx_kind", length = 16)
    public String txKind;

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

    /**
     * What a step changes beyond this row, applied by {@link JobRepository} in the same transaction as the
     * row's own changes: the payload (proof, outputs, signed tx) and the forming of a batch.
     */
    @Transient
    public final RowEffects effects = new RowEffects();

    /** See {@link #effects}. Null fields change nothing. */
    public static final class RowEffects {
        byte[] proof;
        byte[] maskedOutputs;
        byte[] txBytes;
        boolean clearTx;
        FormBatch formBatch;
        SettleBatch settleBatch;

        /** Stores the proof and the batch's masked outputs (encoded by {@link MaskedOutputs}). */
        public void proved(byte[] proof, byte[] maskedOutputs) {
            this.proof = proof;
            this.maskedOutputs = maskedOutputs;
        }

        /** Stores the signed transaction, before it is broadcast, so a restart re-sends the same bytes. */
        public void signed(byte[] txBytes) {
            this.txBytes = txBytes;
            this.clearTx = false;
        }

        /** Forgets a signed transaction that can never execute. */
        public void unsigned() {
            this.txBytes = null;
            this.clearTx = true;
        }

        /**
         * Makes this job the leader of a batch: up to {@code followers} other INFERRED jobs of its model, not
         * leased, in no batch, with a deadline of at least {@code minDeadline}, oldest first, become BATCHED
         * behind it (row-locked, skipping rows others hold). With none found the job stays unbatched.
         */
        public void formBatch(int followers, long minDeadline) {
            this.formBatch = new FormBatch(followers, minDeadline);
        }

        /**
         * The batch's tx executed at {@code height}: its BATCHED followers in {@code fulfilled} become
         * CONFIRMED ({@code onConfirmed} runs for each, in the same transaction), the others FAILED
         * (the ledger skipped them: no longer pending).
         */
        public void settleBatch(long height, Set<UUID> fulfilled, Consumer<JobEntity> onConfirmed) {
            this.settleBatch = new SettleBatch(height, Set.copyOf(fulfilled), onConfirmed);
        }
    }

    record SettleBatch(long height, Set<UUID> fulfilled, Consumer<JobEntity> onConfirmed) {}

    record FormBatch(int followers, long minDeadline) {}
}
