package io.zkgw.chainclient.types;

import com.google.protobuf.ByteString;
import java.util.Objects;

/** A block's identity: its header hash and its part set header. The zero value means "no block" (nil). */
public record BlockId(ByteString hash, PartSetHeader parts) {
    public static final BlockId ZERO = new BlockId(ByteString.EMPTY, PartSetHeader.EMPTY);

    public BlockId {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(parts, "parts");
    }

    public boolean isZero() {
        return hash.isEmpty() && parts.isZero();
    }

    @Override
    public String toString() {
        return Hex.upper(hash) + ":" + parts.total() + ":" + Hex.upper(parts.hash());
    }
}
