package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.hash.Digest;
import java.util.List;

/**
 * A link proof ({@link TensorLink}): the masks commitment's root, the proximity row, one difference row per
 * group, and the opened columns of the three trees with their salts and Merkle multiproofs.
 *
 * <p>Wire format, with no counts (every size is derived by the verifier from the public layout and its own
 * query positions, {@link TensorLinkVerifier}):
 * <pre>
 *   u8 version                   1
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
        siblings = List.copyOf(siblings);
    }

    public byte[] encode() {
        int k = proximityRow.size();
        int rows = columns.isEmpty() ? 0 : columns.getFirst().size();
        long size = 1L + Digest.LENGTH + 16L * k * (1 + diffRows.size()) + 8L * rows * columns.size() + salts.length()
                + (long) Digest.LENGTH * siblings.size();
        ByteWriter w = new ByteWriter((int) Math.min(size, Integer.MAX_VALUE - 16));
        w.u8(TensorLink.VERSION);
        w.digest(masksRoot);
        w.exts(proximityRow);
        for (ExtVector r : diffRows) {
            w.exts(r);
        }
        for (BaseVector c : columns) {
            w.fields(c);
        }
        w.bytes(salts.bytes());
        for (Digest d : siblings) {
            w.digest(d);
        }
        return w.toByteArray();
    }
}
