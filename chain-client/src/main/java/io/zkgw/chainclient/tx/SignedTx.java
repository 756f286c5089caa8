package io.zkgw.chainclient.tx;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainclient.types.Hex;
import java.util.Objects;

/** The bytes of a signed ledger transaction ({@code zkgw.chain.v1.Tx}), ready to broadcast. */
public record SignedTx(ByteString bytes) {
    public SignedTx {
        Objects.requireNonNull(bytes, "bytes");
    }

    /** CometBFT's tx hash: SHA-256 of the bytes. */
    public ByteString hash() {
        return ByteString.copyFrom(Hashes.sha256(bytes.toByteArray()));
    }

    public String hashHex() {
        return Hex.upper(hash());
    }
}
