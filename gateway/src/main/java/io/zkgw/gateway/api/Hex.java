package io.zkgw.gateway.api;

import java.util.HexFormat;

/** Lower-case hex for byte fields in JSON (null stays null), as the ledger writes ids and hashes. */
final class Hex {
    private Hex() {}

    static String of(byte[] b) {
        return b == null ? null : HexFormat.of().formatHex(b);
    }

    static byte[] parse(String s, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new jakarta.ws.rs.BadRequestException(field + " must be hex digits");
        }
    }
}
