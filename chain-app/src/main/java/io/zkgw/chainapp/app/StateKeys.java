package io.zkgw.chainapp.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The state layout: every key is an ASCII prefix followed by binary identifiers (docs/chain.md).
 * Values are the protobuf records of state.proto unless said otherwise. Empty values are never stored.
 */
public final class StateKeys {
    public static final byte[] CHAIN_ID = ascii("meta/chain_id");        // UTF-8 chain id
    public static final byte[] PARAMS = ascii("meta/params");            // Params
    public static final byte[] FEE_POOL = ascii("meta/fee_pool");        // u64 big-endian
    public static final byte[] ESCROW = ascii("meta/escrow");            // u64 big-endian, sum of pending fees
    public static final byte[] SUPPLY = ascii("meta/supply");            // u64 big-endian, fixed at genesis

    private static final byte[] ACCOUNT = ascii("acct/");
    private static final byte[] PROVIDER = ascii("prov/");
    private static final byte[] DATASET = ascii("data/");
    private static final byte[] MODEL = ascii("modl/");
    private static final byte[] MODEL_EPOCH = ascii("mepo/");
    private static final byte[] REQUEST = ascii("preq/");
    private static final byte[] EXPIRY = ascii("expq/");

    private StateKeys() {}

    public static byte[] account(byte[] address) {
        return concat(ACCOUNT, address);
    }

    public static byte[] provider(byte[] address) {
        return concat(PROVIDER, address);
    }

    public static byte[] dataset(byte[] id) {
        return concat(DATASET, id);
    }

    public static byte[] model(byte[] id) {
        return concat(MODEL, id);
    }

    /** One commitment of a model: the model id, then the epoch as u32 big-endian (epochs sort in order). */
    public static byte[] modelEpoch(byte[] modelId, int epoch) {
        return concat(concat(MODEL_EPOCH, modelId), ByteBuffer.allocate(4).putInt(epoch).array());
    }

    /** {@link #modelEpoch(byte[], int)} from the query data: model id (32) then u32 big-endian epoch. */
    public static byte[] modelEpoch(byte[] idAndEpoch) {
        return concat(MODEL_EPOCH, idAndEpoch);
    }

    public static byte[] request(byte[] id) {
        return concat(REQUEST, id);
    }

    /** The request ids (32 bytes each, in the order they were made) that expire at {@code height}. */
    public static byte[] expiry(long height) {
        return concat(EXPIRY, ByteBuffer.allocate(8).putLong(height).array());
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
