package io.zkgw.chainclient.light;

import com.google.protobuf.ByteString;
import io.zkgw.chainclient.types.Hex;
import java.util.Objects;

/**
 * Where trust starts: a height and the hash of the header at that height, obtained out of band (from the
 * operator's own node, the genesis ceremony, a colleague's signed note). The light client accepts
 * the header at that height only if it hashes to this value.
 */
public record TrustAnchor(long height, ByteString headerHash) {
    public TrustAnchor {
        Objects.requireNonNull(headerHash, "headerHash");
        if (height < 1) {
            throw new IllegalArgumentException("trust anchor height must be at least 1");
        }
        if (headerHash.size() != 32) {
            throw new IllegalArgumentException("trust anchor hash must be 32 bytes");
        }
    }

    /** Parses {@code "height:HEXHASH"}. */
    public static TrustAnchor parse(String s) {
        int i = s.indexOf(':');
        if (i < 0) {
            throw new IllegalArgumentException("trust anchor must be height:hash, got " + s);
        }
        return new TrustAnchor(Long.parseLong(s.substring(0, i).trim()), Hex.parse(s.substring(i + 1).trim()));
    }

    @Override
    public String toString() {
        return height + ":" + Hex.upper(headerHash);
    }
}
