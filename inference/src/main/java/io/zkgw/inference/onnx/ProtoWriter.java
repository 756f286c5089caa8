package io.zkgw.inference.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Minimal protobuf wire-format writer; fields are written in the order the caller gives. */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    ProtoWriter int64(int field, long v) {
        tag(field, ProtoReader.VARINT);
        varint(v);
        return this;
    }

    ProtoWriter float32(int field, float v) {
        tag(field, ProtoReader.FIXED32);
        int bits = Float.floatToRawIntBits(v);
        for (int i = 0; i < 4; i++) {
            out.write((bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    ProtoWriter bytes(int field, byte[] v) {
        tag(field, ProtoReader.LEN);
        varint(v.length);
        out.writeBytes(v);
        return this;
    }

    ProtoWriter string(int field, String v) {
        return bytes(field, v.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter child) {
        return bytes(field, child.toByteArray());
    }

    ProtoWriter packedInt64(int field, long[] values) {
        ProtoWriter p = new ProtoWriter();
        for (long v : values) {
            p.varint(v);
        }
        return bytes(field, p.toByteArray());
    }
}
