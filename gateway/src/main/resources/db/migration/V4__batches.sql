-- zkgw gateway schema, version 4: batch proofs, and the large bytes out of the job row.
-- The proof and the signed transaction (hundreds of kB each) move to job_payload, read only by the steps
-- that send them: the worker loads the job row at every step, and carrying both blobs there cost about a
-- quarter of the gateway's CPU (docs/performance.md, "Gateway throughput").
create table job_payload (
    job_id         uuid primary key references job (id),
    proof          bytea,
    -- a batch's masked outputs in batch order: u32 count, then per member u32 length and the bytes
    masked_outputs bytea,
    tx_bytes       bytea
);
insert into job_payload (job_id, proof, tx_bytes)
    select id, proof, tx_bytes from job where proof is not null or tx_bytes is not null;
alter table job drop column proof;
alter table job drop column tx_bytes;
alter table job add column proof_bytes integer;
-- when the job became INFERRED: how long it has waited for a batch to fill
alter table job add column inferred_at timestamp with time zone;
-- a batch is led by its first job: batch_id is the leader's id on every member (the leader included),
-- batch_index the member's place in the proof's statement; null for a job proved alone
alter table job add column batch_id uuid;
alter table job add column batch_index integer;
create index job_batch on job (batch_id);
