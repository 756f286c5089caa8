package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.codec.ByteReader;
import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Digests;
import io.zkgw.prover.merkle.MerkleMultiproof;
import java.util.ArrayList;
import java.util.List;

/**
 * The tail every tensor-PCS proof ends with (openings, links): the opened columns of the joint matrix at the
 * queried positions, their leaf salts (hiding only: |Q| × trees × 16 bytes, position-major) and every tree's
 * Merkle multiproof in turn. One encoder and one decoder; the decoder derives every size from the layout
 * and the positions.
 */
record OpenedColumns(List<BaseVector> columns, Salts salts, List<Digest> siblings) {
    OpenedColumns {
        columns = List.copyOf(columns);
        siblings = Digests.of(siblings);
    }

    long encodedLength() {
        int rows = columns.isEmpty() ? 0 : columns.getFirst().size();
        return 8L * rows * columns.size() + salts.length() + (long) Digest.LENGTH * siblings.size();
    }

    void writeTo(ByteWriter w) {
        for (BaseVector c : columns) {
            w.fields(c);
        }
        w.bytes(salts.bytes());
        w.digests(siblings);
    }

    /** Reads the openings of the given positions of a joint layout (salts when hiding) and rejects trailing bytes. */
    static OpenedColumns read(ByteReader r, TensorLayout layout, int[] positions, boolean hiding) throws DecodingException {
        List<BaseVector> columns = new ArrayList<>(positions.length);
        for (int position : positions) {
            columns.add(r.baseVector(layout.totalRows(), "opened column", position));
        }
        int trees = layout.treeCount();
        Salts salts = hiding ? new Salts(r.bytes(positions.length * trees * TensorProtocol.SALT_BYTES, "leaf salts")) : Salts.NONE;
        int s = trees * MerkleMultiproof.siblingCount(positions, layout.logBlockLength());
        Digests siblings = r.digests(s, "Merkle sibling");
        r.expectEnd();
        return new OpenedColumns(columns, salts, siblings);
    }
}
