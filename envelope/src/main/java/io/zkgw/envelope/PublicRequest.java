package io.zkgw.envelope;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The public data of a RequestPrediction as the ledger holds it, which the envelope is bound to: the
 * HPKE {@code info} binds the chain and model, the AEAD's associated data binds everything here, so a
 * ciphertext copied into another request (other requester, model, commitments, fee or deadline) does not
 * open.
 *
 * @param chainId         the CometBFT chain id (1..50 bytes of UTF-8)
 * @param requester       the requester's 20-byte address
 * @param modelId         the 32-byte model id
 * @param inputCommitment C_x exactly as carried on chain (32..256 bytes)
 * @param maskCommitment  C_r exactly as carried on chain (32..256 bytes)
 * @param fee             the prediction fee (0..2^63−1)
 * @param deadlineHeight  the request's deadline height (≥ 1)
 */
public record PublicRequest(String chainId, byte[] requester, byte[] modelId, byte[] inputCommitment,
                            byte[] maskCommitment, long fee, long deadlineHeight) {
    public static final int ADDRESS_BYTES = 20;
    public static final int MODEL_ID_BYTES = 32;
    public static final int MIN_COMMITMENT_BYTES = 32;
    public static final int MAX_COMMITMENT_BYTES = 256;
    public static final int MAX_CHAIN_ID_BYTES = 50;

    static final byte[] INFO_DOMAIN = "zkgw-request-v1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] AAD_DOMAIN = "zkgw-request-aad-v1".getBytes(StandardCharsets.US_ASCII);

    public PublicRequest {
        if (chainId == null || chainId.isEmpty() || chainId.getBytes(StandardCharsets.UTF_8).length > MAX_CHAIN_ID_BYTES) {
            throw new IllegalArgumentException("chainId must be 1.." + MAX_CHAIN_ID_BYTES + " bytes");
        }
        requester = exact(requester, ADDRESS_BYTES, "requester");
        modelId = exact(modelId, MODEL_ID_BYTES, "modelId");
        inputCommitment = commitment(inputCommitment, "inputCommitment");
        maskCommitment = commitment(maskCommitment, "maskCommitment");
        if (fee < 0) {
            throw new IllegalArgumentException("fee must be 0..2^63-1");
        }
        if (deadlineHeight < 1) {
            throw new IllegalArgumentException("deadlineHeight must be at least 1");
        }
    }

    private static byte[] exact(byte[] b, int len, String field) {
        if (b == null || b.length != len) {
            throw new IllegalArgumentException(field + " must be " + len + " bytes");
        }
        return b.clone();
    }

    private static byte[] commitment(byte[] b, String field) {
        if (b == null || b.length < MIN_COMMITMENT_BYTES || b.length > MAX_COMMITMENT_BYTES) {
            throw new IllegalArgumentException(field + " must be " + MIN_COMMITMENT_BYTES + ".." + MAX_COMMITMENT_BYTES + " bytes");
        }
        return b.clone();
    }

    @Override
    public byte[] requester() {
        return requester.clone();
    }

    @Override
    public byte[] modelId() {
        return modelId.clone();
    }

    @Override
    public byte[] inputCommitment() {
        return inputCommitment.clone();
    }

    @Override
    public byte[] maskCommitment() {
        return maskCommitment.clone();
    }

    /** HPKE info: {@code "zkgw-request-v1" || u16 len(chain_id) || chain_id || model_id}. */
    public byte[] info() {
        byte[] chain = chainId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(INFO_DOMAIN.length + 2 + chain.length + MODEL_ID_BYTES)
                .put(INFO_DOMAIN).putShort((short) chain.length).put(chain).put(modelId).array();
    }

    /**
     * AEAD associated data: {@code "zkgw-request-aad-v1" || requester (20) || model_id (32) ||
     * u16 len(C_x) || C_x || u16 len(C_r) || C_r || u64 fee || u64 deadline_height}, integers big-endian.
     */
    public byte[] aad() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(AAD_DOMAIN);
        out.writeBytes(requester);
        out.writeBytes(modelId);
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) inputCommitment.length).array());
        out.writeBytes(inputCommitment);
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) maskCommitment.length).array());
        out.writeBytes(maskCommitment);
        out.writeBytes(ByteBuffer.allocate(16).putLong(fee).putLong(deadlineHeight).array());
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicRequest p && chainId.equals(p.chainId) && Arrays.equals(requester, p.requester)
                && Arrays.equals(modelId, p.modelId) && Arrays.equals(inputCommitment, p.inputCommitment)
                && Arrays.equals(maskCommitment, p.maskCommitment) && fee == p.fee && deadlineHeight == p.deadlineHeight;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(modelId) * 31 + Arrays.hashCode(inputCommitment);
    }

    @Override
    public String toString() {
        return "PublicRequest[chain=" + chainId + ", requester=" + Hex.of(requester) + ", model=" + Hex.of(modelId)
                + ", fee=" + fee + ", deadline=" + deadlineHeight + "]";
    }
}
