-- zkgw gateway schema, version 1. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode (the
-- embedded default): plain types only (uuid, varchar, bigint, integer, boolean, bytea, timestamp with
-- time zone), no sequences or identity columns (ids are assigned by the application), no
-- database-specific functions.

-- a dataset file on the appliance, committed by its Merkle root; the file itself is never copied
create table dataset (
    id               uuid primary key,
    name             varchar(128) not null unique,
    file_path        varchar(4096) not null,
    file_size        bigint not null,
    file_sha256      bytea not null,
    merkle_root      bytea not null,
    record_count     bigint not null,
    schema_hash      bytea not null,
    status           varchar(16) not null,
    chain_dataset_id bytea,
    commit_tx_hash   varchar(64),
    registered_by    varchar(256) not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);

-- a quantised model (.zkm under the data dir) and its commitment
create table model (
    id                   uuid primary key,
    name                 varchar(128) not null unique,
    dataset_id           uuid not null references dataset (id),
    zkm_path             varchar(4096) not null,
    source_onnx_sha256   varchar(64) not null,
    integer_model_sha256 varchar(64) not null,
    parameter_count      bigint not null,
    model_commitment     bytea not null,
    circuit_hash         bytea not null,
    circuit_size         integer not null,
    price                bigint not null,
    policy_hash          bytea,
    status               varchar(16) not null,
    chain_model_id       bytea,
    commit_tx_hash       varchar(64),
    registered_by        varchar(256) not null,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null
);
create index model_chain_id_idx on model (chain_model_id);

-- the provider's HPKE public key (the private key stays in its key file)
create table provider_key (
    id               uuid primary key,
    suite            varchar(64) not null,
    public_key       bytea not null,
    key_file         varchar(4096) not null,
    status           varchar(16) not null,
    register_tx_hash varchar(64),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);

-- one prediction request from the ledger and its progress through the pipeline
create table job (
    id                uuid primary key,
    request_id        varchar(64) not null unique,
    -- null when the request names a model this gateway does not serve (it is then rejected, reason 5)
    model_id          uuid references model (id),
    chain_model_id    bytea not null,
    requester         varchar(40) not null,
    fee               bigint not null,
    request_height    bigint not null,
    deadline_height   bigint not null,
    input_commitment  bytea not null,
    mask_commitment   bytea not null,
    encrypted_payload bytea not null,
    state             varchar(16) not null,
    attempts          integer not null,
    claims            integer not null,
    next_attempt_at   timestamp with time zone not null,
    lease_owner       varchar(64),
    lease_until       timestamp with time zone,
    last_error_code   varchar(64),
    reject_reason     integer,
    reject_reason_name varchar(80),
    masked_output     bytea,
    proof             bytea,
    proving_millis    bigint,
    tx_kind           varchar(16),
    tx_bytes          bytea,
    tx_hash           varchar(64),
    tx_height         bigint,
    version           bigint not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null
);
-- the worker's claim query: runnable states by due time
create index job_due_idx on job (state, next_attempt_at);
-- recent_requests of the admission rules: a requester's jobs in a time window
create index job_requester_idx on job (requester, created_at);

-- how far the gateway has read the ledger (resumed from here after downtime)
create table chain_cursor (
    name       varchar(64) primary key,
    height     bigint not null,
    updated_at timestamp with time zone not null
);

-- the hash-chained audit log (commitments and identifiers only)
create table audit_entry (
    seq        bigint primary key,
    entry_type varchar(64) not null,
    payload    bytea not null,
    prev_hash  bytea not null,
    entry_hash bytea not null,
    created_at timestamp with time zone not null
);

-- one row: the log's head, locked while appending so entries get consecutive sequence numbers;
-- head_hash null means the empty log (its head is 32 zero bytes), which keeps this insert portable
create table audit_head (
    id         integer primary key,
    next_seq   bigint not null,
    head_hash  bytea
);
insert into audit_head (id, next_seq, head_hash) values (1, 0, null);
