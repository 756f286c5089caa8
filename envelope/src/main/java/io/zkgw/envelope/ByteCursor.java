package io.zkgw.envelope;

/** Strict big-endian reader whose errors name the field being read. Never echoes the bytes it reads. */
final class ByteCursor {
    private final byte[] b;
    private final String what;
    private final Reason reason;
    private int pos;

    ByteCursor(byte[] b, String what, Reason reason) {
        this.b = b;
        this.what = what;
        this.reason = reason;
    }

    private void need(int n, String field) throws EnvelopeException {
        if (b.length - pos < n) {
            throw new EnvelopeException(reason, what + " truncated in field " + field + " (offset " + pos + ", needs "
                    + n + " bytes, " + (b.length - pos) + " left)");
        }
    }

    int u8(String field) throws EnvelopeException {
        need(1, field);
        return b[pos++] & 0xff;
    }

    long u32(String field) throws EnvelopeException {
        need(4, field);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (b[pos++] & 0xff);
        }
        return v;
    }

    long i64(String field) throws EnvelopeException {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[pos++] & 0xff);
        }
        return v;
    }

    byte[] bytes(int n, String field) throws EnvelopeException {
        need(n, field);
        byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return out;
    }

    byte[] rest() {
        byte[] out = java.util.Arrays.copyOfRange(b, pos, b.length);
        pos = b.length;
        return out;
    }

    int remaining() {
        return b.length - pos;
    }

    void expectEnd(String after) throws EnvelopeException {
        if (pos != b.length) {
            throw new EnvelopeException(reason, what + " has " + (b.length - pos) + " trailing bytes after field " + after);
        }
    }
}
