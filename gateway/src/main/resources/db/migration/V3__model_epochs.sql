-- zkgw gateway schema, version 3: model commitment epochs (proof budget).
-- A hiding commitment C_W stays hidden over K proofs only (docs/inference-proofs.md §11). Each row is one
-- commitment of a model: epoch 0 is the CommitModel's, epoch n the n-th RecommitModel's. A job reserves
-- a slot of an epoch (proofs_reserved) before it is proved, so the count of proofs ever published against
-- a commitment never exceeds its budget, across crashes and retries (a retried proof has the same bytes).
create table model_epoch (
    id               uuid primary key,
    model_id         uuid not null references model (id),
    epoch            integer not null,
    model_commitment bytea not null,
    proof_budget     integer not null,
    proofs_reserved  integer not null,
    status           varchar(16) not null,
    commit_tx_hash   varchar(64),
    commit_tx_bytes  bytea,
    commit_error     varchar(64),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    unique (model_id, epoch)
);
-- the epoch a job's proof is made against, set when its slot is reserved (before proving)
alter table job add column model_epoch integer;
