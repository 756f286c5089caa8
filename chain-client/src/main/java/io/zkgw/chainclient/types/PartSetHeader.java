package io.zkgw.chainclient.types;

import com.google.protobuf.ByteString;
import java.util.Objects;

/** How a block was split into parts for gossip: the number of parts and the Merkle root over them. */
public record PartSetHeader(long total, ByteString hash) {
    public static final PartSetHeader EMPTY = new PartSetHeader(0, ByteString.EMPTY);

    public PartSetHeader {
        Objects.requireNonNull(hash, "hash");
        if (total < 0 || total > 0xffff_ffffL) {
            throw new IllegalArgumentException("part set total out of uint32 range: " + total);
        }
    }

    public boolean isZero() {
        return total == 0 && hash.isEmpty();
    }
}
