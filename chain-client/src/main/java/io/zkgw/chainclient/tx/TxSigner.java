package io.zkgw.chainclient.tx;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.app.Transactions;
import io.zkgw.chainapp.crypto.Ed25519;
import io.zkgw.chainapp.proto.TxBody;
import java.util.Objects;

/**
 * Signs ledger transactions for one account on one chain, with chain-app's sign bytes
 * ({@code "ZKGW-TX-V1" || u16 len(chain_id) || chain_id || body}, Ed25519; docs/chain.md). It fills in
 * the signer's key, the sequence and the fee; the caller builds the message (see {@link Messages}).
 */
public final class TxSigner {
    private final String chainId;
    private final byte[] seed;
    private final ByteString publicKey;
    private final ByteString address;

    /** @param seed the account's 32-byte Ed25519 private seed (kept in memory, never logged) */
    public TxSigner(String chainId, byte[] seed) {
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.seed = seed.clone();
        byte[] pub = Ed25519.fromSeed(this.seed).publicKey();
        this.publicKey = ByteString.copyFrom(pub);
        this.address = ByteString.copyFrom(Transactions.address(pub));
    }

    public String chainId() {
        return chainId;
    }

    public ByteString publicKey() {
        return publicKey;
    }

    /** The account address: SHA-256(public key)[0:20]. */
    public ByteString address() {
        return address;
    }

    /** Signs {@code body} (any message set) as this account's tx with {@code sequence} and {@code fee}. */
    public SignedTx sign(TxBody.Builder body, long sequence, long fee) {
        TxBody b = body.clone().setSignerPublicKey(publicKey).setSequence(sequence).setFee(fee).build();
        return new SignedTx(ByteString.copyFrom(Transactions.sign(chainId, b, seed)));
    }
}
