-- zkgw gateway schema, version 5: epoch links.
-- RecommitModel carries a zero-knowledge proof that the new epoch's C_W holds the same weights as the
-- previous epoch's (docs/inference-proofs.md §11 (e)). It is made once, with the epoch, and kept so that a
-- re-signed RecommitModel (sequence or fee trouble) sends the same bytes: the link opens both C_W, and a
-- second, different link would open them again. Null for epoch 0 (made by CommitModel).
alter table model_epoch add column epoch_link bytea;
