package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Digests;
import java.util.List;

/**
 * A link proof ({@link TensorLink}): the masks commitment's root, the proximity row, one difference row per
 * group, and the opened columns of the three trees with their salts and Merkle multiproofs.
 *
 * <p>Wire format, with no counts (every size is derived by the verifier from the public layout and its own
 * query positions, {@link TensorLinkVerifier}):
 * <pre>
 *   u8 version                   2
 *   masks root                   32 bytes
 *   proximityRow                 K × Ext2
 *   diffRows[0..G)               G × K × Ext2          G = groups of the free region
 *   columns[0..q)                q × rows × u64        q = number of distinct queried positions
 *   salts                        q × 3 × 16 bytes
 *   siblings                     3 × s × 32 bytes
 * </pre>
 */
public record TensorLinkProof(Digest masksRoot, ExtVector proximityRow, List<ExtVector> diffRows, List<BaseVector> columns, Salts salts,
        List<Digest> siblings) {
    public TensorLinkProof {
        diffRows = List.copyOf(diffRows);
        columns = List.copyOf(columns);
        siblings = Digests.of(siblings);
    }

    public byte[] encode() {
        OpenedColumns opened = new OpenedColumns(columns, salts, siblings);
        long size = 1L + Digest.LENGTH + 16L * proximityRow.size() * (1 + diffRows.size()) + opened.encodedLength();
        ByteWriter w = new ByteWriter((int) Math.min(size, Integer.MAX_VALUE - 16));
        w.u8(TensorLink.VERSION);
        w.digest(masksRoot);
        w.exts(proximityRow);
        for (ExtVector r : diffRows) {
            w.exts(r);
        }
        opened.writeTo(w);
        return w.toByteArray();
    }
}
