package io.zkgw.inference.onnx;

import java.nio.charset.StandardCharsets;

/**
 * Minimal protobuf wire-format reader over a byte range. Every failure names the byte offset and
 * the message path being decoded, so a truncated or corrupt file gets a precise error.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private final int limit;
    private final String path;

    ProtoReader(byte[] buf, int offset, int limit, String path) {
        this.buf = buf;
        this.pos = offset;
        this.limit = limit;
        this.path = path;
    }

    static ProtoReader of(byte[] bytes, String path) {
        return new ProtoReader(bytes, 0, bytes.length, path);
    }

    String path() {
        return path;
    }

    boolean hasMore() {
        return pos < limit;
    }

    /** Returns the next tag (field number << 3 | wire type). */
    int readTag() {
        long tag = readVarint();
        if (tag <= 0 || tag > 0xFFFF_FFFFL) {
            throw error("invalid field tag " + tag);
        }
        int field = (int) (tag >>> 3);
        if (field == 0) {
            throw error("field number 0");
        }
        return (int) tag;
    }

    long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw error("truncated varint");
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw error("varint longer than 10 bytes");
    }

    int readInt32() {
        return (int) readVarint();
    }

    long readFixed64() {
        require(8, "fixed64");
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (buf[pos + i] & 0xFFL) << (8 * i);
        }
        pos += 8;
        return v;
    }

    int readFixed32() {
        require(4, "fixed32");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (buf[pos + i] & 0xFF) << (8 * i);
        }
        pos += 4;
        return v;
    }

    float readFloat() {
        return Float.intBitsToFloat(readFixed32());
    }

    double readDouble() {
        return Double.longBitsToDouble(readFixed64());
    }

    /** Reads a length-delimited field and returns a reader over exactly its bytes. */
    ProtoReader readMessage(String childPath) {
        int len = readLength();
        ProtoReader child = new ProtoReader(buf, pos, pos + len, childPath);
        pos += len;
        return child;
    }

    byte[] readBytes() {
        int len = readLength();
        byte[] out = new byte[len];
        System.arraycopy(buf, pos, out, 0, len);
        pos += len;
        return out;
    }

    String readString() {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    private int readLength() {
        long len = readVarint();
        if (len < 0 || len > limit - pos) {
            throw error("length " + len + " runs past the end of the enclosing message (" + (limit - pos)
                    + " bytes left)");
        }
        return (int) len;
    }

    void skip(int wireType) {
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> {
                require(8, "fixed64");
                pos += 8;
            }
            case LEN -> readBytes();
            case FIXED32 -> {
                require(4, "fixed32");
                pos += 4;
            }
            default -> throw error("unsupported wire type " + wireType);
        }
    }

    private void require(int n, String what) {
        if (limit - pos < n) {
            throw error("truncated " + what);
        }
    }

    OnnxFormatException error(String what) {
        return new OnnxFormatException("corrupt ONNX: " + what + " at byte " + pos + " in " + path);
    }
}
