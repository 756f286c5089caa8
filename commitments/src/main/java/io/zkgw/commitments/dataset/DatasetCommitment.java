package io.zkgw.commitments.dataset;

/**
 * What goes on the ledger for a dataset: the Merkle root over its salted records, the record count and
 * the hash of its schema (header line). Reveals nothing about the records (salts are secret).
 */
public record DatasetCommitment(byte[] root, long recordCount, byte[] schemaHash) {
    public DatasetCommitment {
        if (root.length != 32 || schemaHash.length != 32 || recordCount < 0) {
            throw new IllegalArgumentException("dataset commitment needs 32-byte hashes and a count >= 0");
        }
        root = root.clone();
        schemaHash = schemaHash.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public byte[] schemaHash() {
        return schemaHash.clone();
    }
}
