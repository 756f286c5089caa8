package io.zkgw.chainapp.abci;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The ABCI socket protocol's framing: each protobuf message is preceded by its length as an unsigned
 * LEB128 varint (Go's {@code binary.PutUvarint}), as CometBFT v0.38's {@code protoio} writes it.
 */
public final class AbciFraming {
    private AbciFraming() {}

    /**
     * Reads one frame; returns null on a clean end of stream before the first byte.
     *
     * @throws IOException on a truncated frame, an over-long varint or a frame over {@code maxBytes}
     */
    public static byte[] readFrame(InputStream in, int maxBytes) throws IOException {
        long len = 0;
        int shift = 0;
        for (int i = 0; ; i++) {
            int b = in.read();
            if (b < 0) {
                if (i == 0) {
                    return null;
                }
                throw new EOFException("stream ended inside a length prefix");
            }
            if (i == 9 && b > 1) {
                throw new IOException("length prefix overflows 64 bits");
            }
            len |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (i >= 9) {
                throw new IOException("length prefix longer than 10 bytes");
            }
        }
        if (len < 0 || len > maxBytes) {
            throw new IOException("frame of " + Long.toUnsignedString(len) + " bytes exceeds the limit of " + maxBytes);
        }
        byte[] frame = in.readNBytes((int) len);
        if (frame.length != len) {
            throw new EOFException("stream ended inside a frame (" + frame.length + " of " + len + " bytes)");
        }
        return frame;
    }

    /** Writes {@code message} preceded by its unsigned varint length. */
    public static void writeFrame(OutputStream out, byte[] message) throws IOException {
        long v = message.length;
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        out.write(message);
    }
}
