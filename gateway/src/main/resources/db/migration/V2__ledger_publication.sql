-- zkgw gateway schema, version 2: publishing commitments on the ledger, save-before-broadcast.
-- The signed RegisterProvider / CommitDataset / CommitModel is stored with its hash before it is first
-- broadcast; after a restart the publisher asks the ledger about that hash and re-sends the same bytes
-- (which can execute at most once), and signs anew only when those bytes can never execute.
alter table dataset add column commit_tx_bytes bytea;
alter table model add column commit_tx_bytes bytea;
alter table provider_key add column register_tx_bytes bytea;
-- the provider's ledger address (40 hex digits) once RegisterProvider is signed
alter table provider_key add column chain_address varchar(40);
-- why the last publication attempt failed (a ledger code name such as NOT_A_PROVIDER), never data
alter table dataset add column commit_error varchar(64);
alter table model add column commit_error varchar(64);
alter table provider_key add column register_error varchar(64);
