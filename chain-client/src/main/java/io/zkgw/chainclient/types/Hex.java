package io.zkgw.chainclient.types;

import com.google.protobuf.ByteString;
import java.util.HexFormat;

/** Hex as CometBFT's JSON writes hashes and addresses (upper case), and its parsing (either case). */
public final class Hex {
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {}

    public static String upper(ByteString b) {
        return UPPER.formatHex(b.toByteArray());
    }

    public static String upper(byte[] b) {
        return UPPER.formatHex(b);
    }

    public static String lower(ByteString b) {
        return LOWER.formatHex(b.toByteArray());
    }

    public static String lower(byte[] b) {
        return LOWER.formatHex(b);
    }

    /** Parses hex of either case; throws IllegalArgumentException on odd length or a non-hex digit. */
    public static ByteString parse(String s) {
        return ByteString.copyFrom(LOWER.parseHex(s));
    }
}
