package io.zkgw.gateway.job;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch's masked outputs (each an encoded MaskedOutput) as one value in job_payload: u32 count, then per
 * member u32 length and the bytes, big-endian. Only the gateway reads it back.
 */
public final class MaskedOutputs {
    private MaskedOutputs() {}

    public static byte[] encode(List<byte[]> outputs) {
        int n = 4;
        for (byte[] o : outputs) {
            n += 4 + o.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n).putInt(outputs.size());
        for (byte[] o : outputs) {
            b.putInt(o.length).put(o);
        }
        return b.array();
    }

    /** Throws IllegalArgumentException naming what is wrong with bytes this class did not write. */
    public static List<byte[]> decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.remaining() < 4) {
            throw new IllegalArgumentException("masked outputs: no count");
        }
        int count = b.getInt();
        if (count < 0 || count > b.remaining() / 4) {
            throw new IllegalArgumentException("masked outputs: count " + count + " does not fit in " + bytes.length + " bytes");
        }
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (b.remaining() < 4) {
                throw new IllegalArgumentException("masked outputs: member " + i + " has no length");
            }
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                throw new IllegalArgumentException("masked outputs: member " + i + " length " + len + " overruns the bytes");
            }
            byte[] o = new byte[len];
            b.get(o);
            out.add(o);
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("masked outputs: " + b.remaining() + " trailing bytes");
        }
        return out;
    }
}
