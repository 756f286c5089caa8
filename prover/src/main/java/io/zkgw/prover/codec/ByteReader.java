package io.zkgw.prover.codec;

import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Digests;

/**
 * Reads the canonical encoding written by {@link ByteWriter}. Every read says what it reads so that a
 * failure names the offending item; field elements ≥ p are rejected, never reduced, so that each value
 * has exactly one encoding. Callers finish with {@link #expectEnd()}.
 */
public final class ByteReader {
    private final byte[] buf;
    private final String what;
    private int pos;

    /** @param what the object being decoded, used in error messages */
    public ByteReader(byte[] buf, String what) {
        this.buf = buf;
        this.what = what;
    }

    private void need(long n, String item) throws DecodingException {
        if (n < 0 || buf.length - pos < n) {
            throw new DecodingException(what + ": truncated while reading " + item + " at byte " + pos
                    + " (need " + n + ", have " + (buf.length - pos) + ")");
        }
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return buf.length - pos;
    }

    public int u8(String item) throws DecodingException {
        need(1, item);
        return buf[pos++] & 0xFF;
    }

    /** Reads the version byte and rejects any other value. */
    public void expectVersion(int version) throws DecodingException {
        int v = u8("version byte");
        if (v != version) {
            throw new DecodingException(what + ": unsupported version " + v + " (expected " + version + ")");
        }
    }

    public int u32(String item) throws DecodingException {
        need(4, item);
        int v = (int) ByteWriter.INT_LE.get(buf, pos);
        pos += 4;
        return v;
    }

    public long u64(String item) throws DecodingException {
        need(8, item);
        long v = (long) ByteWriter.LONG_LE.get(buf, pos);
        pos += 8;
        return v;
    }

    public long field(String item) throws DecodingException {
        int at = pos;
        long v = u64(item);
        if (!Goldilocks.isCanonical(v)) {
            throw new DecodingException(what + ": non-canonical field element (≥ p) in " + item + " at byte " + at);
        }
        return v;
    }

    public long[] fields(int count, String item) throws DecodingException {
        long[] out = canonicalFields(count);
        if (out != null) {
            return out;
        }
        // the error, naming the first entry that is missing or not canonical
        need(8L * count, item);
        out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = field(item);
        }
        return out;
    }

    public BaseVector baseVector(int count, String item) throws DecodingException {
        return BaseVector.ownedBy(fields(count, item));
    }

    /**
     * {@link #baseVector(int, String)} of the index-th of a run of items (say "opened column 17"): the label is
     * built only for an error, which reads the same as the labelled call's.
     */
    public BaseVector baseVector(int count, String item, int index) throws DecodingException {
        long[] out = canonicalFields(count);
        return out != null ? BaseVector.ownedBy(out) : baseVector(count, item + " " + index);
    }

    /** count field elements when all are there and canonical (then past them), else null with nothing read. */
    private long[] canonicalFields(int count) {
        if (count < 0 || buf.length - pos < 8L * count) {
            return null;
        }
        long[] out = new long[count];
        for (int i = 0, at = pos; i < count; i++, at += 8) {
            long v = (long) ByteWriter.LONG_LE.get(buf, at);
            if (!Goldilocks.isCanonical(v)) {
                return null;
            }
            out[i] = v;
        }
        pos += 8 * count;
        return out;
    }

    public Ext2 ext(String item) throws DecodingException {
        long c0 = field(item);
        long c1 = field(item);
        return new Ext2(c0, c1);
    }

    public ExtVector extVector(int count, String item) throws DecodingException {
        need(16L * count, item);
        long[] re = new long[count];
        long[] im = new long[count];
        for (int i = 0; i < count; i++) {
            re[i] = field(item);
            im[i] = field(item);
        }
        return ExtVector.ownedBy(re, im);
    }

    public Digest digest(String item) throws DecodingException {
        need(Digest.LENGTH, item);
        Digest d = Digest.copyOf(buf, pos);
        pos += Digest.LENGTH;
        return d;
    }

    /** {@link #digest(String)} of the index-th of a run of items, the label built only for an error. */
    public Digest digest(String item, int index) throws DecodingException {
        if (buf.length - pos < Digest.LENGTH) {
            return digest(item + " " + index);
        }
        Digest d = Digest.copyOf(buf, pos);
        pos += Digest.LENGTH;
        return d;
    }

    /**
     * count digests in one array (a multiproof's siblings); when fewer are there, the error names the first one
     * missing as {@link #digest(String, int)} does ("Merkle sibling 17").
     */
    public Digests digests(int count, String item) throws DecodingException {
        if (count < 0) {
            throw new IllegalArgumentException(item + ": negative count " + count);
        }
        int whole = (buf.length - pos) / Digest.LENGTH;
        if (whole < count) {
            // past the whole digests there, the first missing one fails as digest(item, index) does
            pos += whole * Digest.LENGTH;
            digest(item, whole);
            throw new IllegalStateException("unreachable: fewer than 32 bytes were left");
        }
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + count * Digest.LENGTH);
        pos += out.length;
        return Digests.ownedBy(out);
    }

    /** Raw bytes (salts and other opaque data). */
    public byte[] bytes(int count, String item) throws DecodingException {
        need(count, item);
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + count);
        pos += count;
        return out;
    }

    /** Rejects trailing bytes. */
    public void expectEnd() throws DecodingException {
        if (pos != buf.length) {
            throw new DecodingException(what + ": " + (buf.length - pos) + " trailing byte(s) after byte " + pos);
        }
    }
}
