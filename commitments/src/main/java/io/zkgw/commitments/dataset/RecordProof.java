package io.zkgw.commitments.dataset;

import io.zkgw.commitments.Sha256;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything an auditor needs to check that one record is in a committed dataset: the record bytes,
 * its salt, its index, the tree size and the audit path. Given only to whoever may see that record.
 */
public record RecordProof(long index, long treeSize, byte[] salt, byte[] record, List<byte[]> path) {
    public RecordProof {
        salt = salt.clone();
        record = record.clone();
        path = List.copyOf(path);
    }

    /** True when this record, with its salt, is leaf {@code index} of the committed dataset. */
    public boolean verify(DatasetCommitment c) {
        return treeSize == c.recordCount()
                && MerkleLog.verify(c.root(), treeSize, index, DatasetCommitter.leafHash(salt, record), path);
    }

    /** Line-oriented text form: index, size, salt, record (hex), then one path hash per line. */
    public String encode() {
        StringBuilder sb = new StringBuilder("zkgw-record-proof v1\n");
        sb.append(index).append('\n').append(treeSize).append('\n').append(Sha256.hex(salt)).append('\n')
                .append(java.util.HexFormat.of().formatHex(record)).append('\n');
        for (byte[] p : path) {
            sb.append(Sha256.hex(p)).append('\n');
        }
        return sb.toString();
    }

    public static RecordProof decode(String text) {
        String[] l = text.split("\n", -1);
        int n = l.length;
        while (n > 0 && l[n - 1].isEmpty()) {
            n--;
        }
        if (n < 5 || !l[0].equals("zkgw-record-proof v1")) {
            throw new IllegalArgumentException("not a zkgw record proof (v1)");
        }
        try {
            long index = Long.parseLong(l[1]);
            long size = Long.parseLong(l[2]);
            byte[] salt = Sha256.unhex(l[3], "salt");
            byte[] record = java.util.HexFormat.of().parseHex(l[4]);
            List<byte[]> path = new ArrayList<>();
            for (int i = 5; i < n; i++) {
                path.add(Sha256.unhex(l[i], "path hash " + (i - 5)));
            }
            return new RecordProof(index, size, salt, record, path);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("record proof: index or size is not a number");
        }
    }
}
