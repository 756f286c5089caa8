package io.zkgw.gateway.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * The large public bytes of a job, in their own row so that the worker, which loads the job row at every
 * step, never copies them: the proof, a batch's masked outputs, and the signed transaction (recorded
 * before broadcast). Read by the steps that send them ({@link JobRepository#payload}).
 */
@Entity
@Table(name = "job_payload")
public class JobPayloadEntity {
    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column
    public byte[] proof;

    @Column(name = "masked_outputs")
    public byte[] maskedOutputs;

    @Column(name = "tx_bytes")
    public byte[] txBytes;
}
