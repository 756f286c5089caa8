package io.zkgw.chainapp.app;

import io.zkgw.chainapp.crypto.Ed25519;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.Tx;
import io.zkgw.chainapp.proto.TxBody;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Building, signing and naming transactions (docs/chain.md, "Transactions" and "Sign bytes").
 *
 * <pre>
 *   sign_bytes = "ZKGW-TX-V1" || u16be(len(chain_id)) || chain_id (UTF-8) || body
 *   signature  = Ed25519(signer's key, sign_bytes)
 *   address    = SHA-256(Ed25519 public key)[0:20]
 *   tx         = Tx{body, signature} encoded canonically (field 1, then field 2)
 * </pre>
 */
public final class Transactions {
    public static final byte[] SIGN_DOMAIN = "ZKGW-TX-V1".getBytes(StandardCharsets.US_ASCII);
    public static final int ADDRESS_BYTES = 20;
    public static final int ID_BYTES = 32;

    private Transactions() {}

    public static byte[] signBytes(String chainId, byte[] body) {
        byte[] cid = chainId.getBytes(StandardCharsets.UTF_8);
        if (cid.length > 0xffff) {
            throw new IllegalArgumentException("chain id too long");
        }
        return ByteBuffer.allocate(SIGN_DOMAIN.length + 2 + cid.length + body.length)
                .put(SIGN_DOMAIN)
                .putShort((short) cid.length)
                .put(cid)
                .put(body)
                .array();
    }

    /** The 20-byte account address of an Ed25519 public key. */
    public static byte[] address(byte[] publicKey) {
        return Arrays.copyOf(Hashes.sha256(publicKey), ADDRESS_BYTES);
    }

    /** Signs {@code body} for {@code chainId} with the 32-byte Ed25519 {@code seed}; returns the tx bytes. */
    public static byte[] sign(String chainId, TxBody body, byte[] seed) {
        byte[] bodyBytes = body.toByteArray();
        byte[] sig = Ed25519.sign(seed, signBytes(chainId, bodyBytes));
        return Tx.newBuilder()
                .setBody(com.google.protobuf.ByteString.copyFrom(bodyBytes))
                .setSignature(com.google.protobuf.ByteString.copyFrom(sig))
                .build()
                .toByteArray();
    }

    /** CometBFT's transaction hash: SHA-256 of the tx bytes. */
    public static byte[] txHash(byte[] tx) {
        return Hashes.sha256(tx);
    }

    /** The id of the dataset committed by the tx of {@code signer} with {@code sequence}. */
    public static byte[] datasetId(byte[] signer, long sequence) {
        return id("zkgw/dataset/v1", signer, sequence);
    }

    public static byte[] modelId(byte[] signer, long sequence) {
        return id("zkgw/model/v1", signer, sequence);
    }

    public static byte[] requestId(byte[] signer, long sequence) {
        return id("zkgw/request/v1", signer, sequence);
    }

    private static byte[] id(String domain, byte[] signer, long sequence) {
        return Hashes.sha256(domain.getBytes(StandardCharsets.US_ASCII), signer,
                ByteBuffer.allocate(8).putLong(sequence).array());
    }
}
