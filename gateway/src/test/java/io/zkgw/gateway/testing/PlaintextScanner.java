package io.zkgw.gateway.testing;

import io.zkgw.prover.field.Goldilocks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Looks for private values in bytes that left the hospital (ledger transactions and their results).
 * Values are turned into byte patterns in every encoding the code uses for them — and the nearby ones a
 * bug could produce — and a scan reports each pattern found, naming the secret, never its value.
 *
 * <p>Integer vectors (quantised inputs, weights, outputs) are looked for as windows of consecutive values:
 * at least 24 bytes of each fixed-width encoding (3 × i64, 6 × i32, 12 × i16, 24 × i8) and 6 values as
 * decimal text, each window lengthened until its values carry {@link #MIN_BITS} bits. Runs of 0 and ±1,
 * and constant runs, are never a window on their own: such bytes occur in any encoding of anything, and
 * finding them would prove no leak. A single value stands alone (in the 8-byte encodings) only where it
 * carries {@link #SINGLE_VALUE_BITS} bits itself.
 */
public final class PlaintextScanner {
    /** Σ log2(|v|+1) a window (or a single value) must reach to count as a recognisable piece of a secret. */
    static final double MIN_BITS = 12;
    /**
     * A value looked for alone must carry this many bits itself. Proofs are full of small little-endian
     * counts and column indices, so the 8-byte encoding of a 13-bit value (six zero bytes and two that
     * matter) turns up in 50 proofs by chance: with a 12-bit bar one CI run found an output's i64-be
     * encoding 1.2 kB into a proof, where such words are small counts and indices (not inspected further:
     * the run's ledger was gone).
     */
    static final double SINGLE_VALUE_BITS = 32;
    private static final int WINDOW_BYTES = 24;
    private static final int TEXT_WINDOW = 6;
    private static final int MIN_PATTERN = 8;

    /** A secret found: which one and in which encoding, where, at which byte offset. */
    public record Hit(String secret, String where, int offset) {
        @Override
        public String toString() {
            return secret + " in " + where + " at byte " + offset;
        }
    }

    private record Pattern(String secret, byte[] bytes) {}

    /** An integer encoding: value width in bytes, the values it can carry, and how it writes one. */
    private record IntEncoding(String name, int width, LongPredicate fits, ByteOrder order, boolean field) {
        void put(ByteBuffer b, long v) {
            long w = field ? Goldilocks.fromSigned(v) : v;
            switch (width) {
                case 8 -> b.putLong(w);
                case 4 -> b.putInt((int) w);
                case 2 -> b.putShort((short) w);
                default -> b.put((byte) w);
            }
        }
    }

    private static final List<IntEncoding> INT_ENCODINGS = List.of(
            // the envelope's RequestPayload and the .zkm's model.zkir (IntModelCodec): big-endian i64
            new IntEncoding("i64-be", 8, v -> true, ByteOrder.BIG_ENDIAN, false),
            // ONNX raw_data (the .zkm's model.onnx): little-endian int64
            new IntEncoding("i64-le", 8, v -> true, ByteOrder.LITTLE_ENDIAN, false),
            // the prover's codec: Goldilocks.fromSigned(v) as a little-endian u64 (ByteWriter.field)
            new IntEncoding("field-le", 8, v -> true, ByteOrder.LITTLE_ENDIAN, true),
            new IntEncoding("field-be", 8, v -> true, ByteOrder.BIG_ENDIAN, true),
            new IntEncoding("i32-be", 4, v -> v == (int) v, ByteOrder.BIG_ENDIAN, false),
            new IntEncoding("i32-le", 4, v -> v == (int) v, ByteOrder.LITTLE_ENDIAN, false),
            new IntEncoding("i16-be", 2, v -> v == (short) v, ByteOrder.BIG_ENDIAN, false),
            new IntEncoding("i16-le", 2, v -> v == (short) v, ByteOrder.LITTLE_ENDIAN, false),
            new IntEncoding("i8", 1, v -> v == (byte) v, ByteOrder.BIG_ENDIAN, false));

    /** Patterns by their first 8 bytes (big-endian long): a scan costs one lookup per byte offset. */
    private final Map<Long, List<Pattern>> byPrefix = new HashMap<>();
    private final boolean withHex;
    private int size;

    /** @param withHex also look for every binary pattern as lower-case hex (event attributes are hex text) */
    public PlaintextScanner(boolean withHex) {
        this.withHex = withHex;
    }

    /** How many patterns are looked for. */
    public int size() {
        return size;
    }

    /** Bytes looked for as they are (at least 8). */
    public void addBytes(String secret, byte[] bytes) {
        add(secret, bytes);
        if (withHex) {
            add(secret + " as hex", HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void add(String secret, byte[] bytes) {
        if (bytes.length < MIN_PATTERN) {
            throw new IllegalArgumentException("a pattern needs " + MIN_PATTERN + " bytes or more");
        }
        byPrefix.computeIfAbsent(ByteBuffer.wrap(bytes).getLong(), k -> new ArrayList<>()).add(new Pattern(secret, bytes.clone()));
        size++;
    }

    /**
     * A vector of integers: its windows in every integer encoding and as decimal text; a vector shorter
     * than a window is looked for whole (if it has two values or more). Returns how many patterns it added.
     */
    public int addInts(String secret, long[] v) {
        int before = size;
        for (IntEncoding e : INT_ENCODINGS) {
            for (long[] w : windows(v, WINDOW_BYTES / e.width())) {
                if (w.length * e.width() >= MIN_PATTERN && Arrays.stream(w).allMatch(e.fits())) {
                    ByteBuffer b = ByteBuffer.allocate(w.length * e.width()).order(e.order());
                    for (long x : w) {
                        e.put(b, x);
                    }
                    addBytes(secret + " (" + w.length + " values, " + e.name() + ")", b.array());
                }
            }
            if (e.width() == 8) {
                for (long x : v) {
                    if (bits(new long[] {x}) >= SINGLE_VALUE_BITS) {
                        ByteBuffer b = ByteBuffer.allocate(8).order(e.order());
                        e.put(b, x);
                        addBytes(secret + " (a single value, " + e.name() + ")", b.array());
                    }
                }
            }
        }
        for (long[] w : windows(v, TEXT_WINDOW)) {
            for (String sep : new String[] {",", ", "}) {
                String text = String.join(sep, Arrays.stream(w).mapToObj(Long::toString).toList());
                if (text.length() >= MIN_PATTERN) {
                    add(secret + " (" + w.length + " values as text)", text.getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        return size - before;
    }

    /** Real-valued features: windows of 3 as IEEE-754 doubles in both byte orders. */
    public void addDoubles(String secret, double[] v) {
        for (int i = 0; i + 3 <= v.length; i++) {
            for (ByteOrder o : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                ByteBuffer b = ByteBuffer.allocate(24).order(o);
                for (int j = i; j < i + 3; j++) {
                    b.putDouble(v[j]);
                }
                addBytes(secret + " (3 values, f64 " + o + ")", b.array());
            }
        }
    }

    /**
     * A dataset record as the commitments module hashes it into its Merkle leaf (the line's exact bytes,
     * without terminator), and every 3 consecutive fields of it as they stand in the line.
     */
    public void addCsvRecord(String secret, String line) {
        addBytes(secret, line.getBytes(StandardCharsets.UTF_8));
        String[] f = line.split(",", -1);
        for (int i = 0; i + 3 <= f.length; i++) {
            byte[] part = String.join(",", Arrays.asList(f).subList(i, i + 3)).getBytes(StandardCharsets.UTF_8);
            if (part.length >= MIN_PATTERN) {
                add(secret + " (fields " + i + ".." + (i + 2) + ")", part);
            }
        }
    }

    /** Every pattern found in {@code data}. */
    public List<Hit> scan(String where, byte[] data) {
        List<Hit> hits = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(data);
        for (int i = 0; i + MIN_PATTERN <= data.length; i++) {
            List<Pattern> candidates = byPrefix.get(b.getLong(i));
            if (candidates == null) {
                continue;
            }
            for (Pattern p : candidates) {
                int end = i + p.bytes().length;
                if (end <= data.length && Arrays.equals(data, i, end, p.bytes(), 0, p.bytes().length)) {
                    hits.add(new Hit(p.secret(), where, i));
                }
            }
        }
        return hits;
    }

    /**
     * From each start, the shortest run of at least {@code n} consecutive values (all of them, in a shorter
     * vector of two or more) that is {@link #specific}; none where the vector ends first.
     */
    static List<long[]> windows(long[] v, int n) {
        List<long[]> out = new ArrayList<>();
        int min = Math.min(n, v.length);
        if (min < 2) {
            return out;
        }
        for (int i = 0; i + min <= v.length; i++) {
            for (int end = i + min; end <= v.length; end++) {
                long[] w = Arrays.copyOfRange(v, i, end);
                if (specific(w)) {
                    out.add(w);
                    break;
                }
            }
        }
        return out;
    }

    /** Enough information to be recognisably this secret, and not a constant run. */
    static boolean specific(long[] w) {
        return bits(w) >= MIN_BITS && Arrays.stream(w).distinct().count() > 1;
    }

    private static double bits(long[] w) {
        double bits = 0;
        for (long x : w) {
            bits += Math.log(Math.abs((double) x) + 1) / Math.log(2);
        }
        return bits;
    }
}
