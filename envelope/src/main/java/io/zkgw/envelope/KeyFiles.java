package io.zkgw.envelope;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Key files: one JSON object per key, written once with mode 0600 and never overwritten.
 * <pre>
 * { "format": "zkgw-key", "version": 1, "kind": "hpke-x25519",
 *   "public_key": "&lt;64 hex&gt;", "private_key": "&lt;64 hex&gt;" }
 * { "format": "zkgw-key", "version": 1, "kind": "ed25519",
 *   "public_key": "&lt;64 hex&gt;", "private_key": "&lt;64 hex: the RFC 8032 seed&gt;", "address": "&lt;40 hex&gt;" }
 * </pre>
 * Hex is lower case. The decoder requires exactly these fields (no unknown or duplicate ones), the
 * expected kind and version, exact lengths, and that the public key (and address) are the ones the
 * private key derives; a key file readable or writable by group or others is refused. Error messages name
 * the file and the field and never contain key material.
 */
public final class KeyFiles {
    public static final String FORMAT = "zkgw-key";
    public static final int VERSION = 1;
    public static final String KIND_HPKE = "hpke-x25519";
    public static final String KIND_ED25519 = "ed25519";

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeyFiles() {}

    public static String encode(HpkeKeyPair k) {
        return "{\n  \"format\": \"" + FORMAT + "\",\n  \"version\": " + VERSION + ",\n  \"kind\": \"" + KIND_HPKE
                + "\",\n  \"public_key\": \"" + HEX.formatHex(k.publicKey()) + "\",\n  \"private_key\": \""
                + HEX.formatHex(k.privateKey()) + "\"\n}\n";
    }

    public static String encode(SigningKey k) {
        return "{\n  \"format\": \"" + FORMAT + "\",\n  \"version\": " + VERSION + ",\n  \"kind\": \"" + KIND_ED25519
                + "\",\n  \"public_key\": \"" + HEX.formatHex(k.publicKey()) + "\",\n  \"private_key\": \""
                + HEX.formatHex(k.seed()) + "\",\n  \"address\": \"" + HEX.formatHex(k.address()) + "\"\n}\n";
    }

    /** @param source names the file in error messages */
    public static HpkeKeyPair decodeHpke(String json, String source) throws KeyFileException {
        JsonNode n = parse(json, source, KIND_HPKE, List.of("format", "version", "kind", "public_key", "private_key"));
        HpkeKeyPair k = HpkeKeyPair.fromPrivateKey(hex(n, "private_key", HpkeKeyPair.KEY_BYTES, source));
        if (!MessageDigest.isEqual(k.publicKey(), hex(n, "public_key", HpkeKeyPair.KEY_BYTES, source))) {
            throw new KeyFileException(source + ": field public_key is not the public key of private_key");
        }
        return k;
    }

    /** @param source names the file in error messages */
    public static SigningKey decodeSigning(String json, String source) throws KeyFileException {
        JsonNode n = parse(json, source, KIND_ED25519,
                List.of("format", "version", "kind", "public_key", "private_key", "address"));
        SigningKey k = SigningKey.fromSeed(hex(n, "private_key", SigningKey.SEED_BYTES, source));
        if (!MessageDigest.isEqual(k.publicKey(), hex(n, "public_key", SigningKey.PUBLIC_KEY_BYTES, source))) {
            throw new KeyFileException(source + ": field public_key is not the public key of private_key");
        }
        if (!MessageDigest.isEqual(k.address(), hex(n, "address", PublicRequest.ADDRESS_BYTES, source))) {
            throw new KeyFileException(source + ": field address is not the address of public_key");
        }
        return k;
    }

    /** Writes a new key file with mode 0600; refuses to replace an existing file. */
    public static void write(Path file, HpkeKeyPair k) throws IOException {
        writeNew(file, encode(k));
    }

    /** Writes a new key file with mode 0600; refuses to replace an existing file. */
    public static void write(Path file, SigningKey k) throws IOException {
        writeNew(file, encode(k));
    }

    public static HpkeKeyPair readHpke(Path file) throws KeyFileException {
        return decodeHpke(readPrivate(file), file.toString());
    }

    public static SigningKey readSigning(Path file) throws KeyFileException {
        return decodeSigning(readPrivate(file), file.toString());
    }

    private static void writeNew(Path file, String content) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        try (FileChannel ch = posix
                ? FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        if (posix) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static String readPrivate(Path file) throws KeyFileException {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                for (PosixFilePermission p : perms) {
                    if (!p.name().startsWith("OWNER_")) {
                        throw new KeyFileException(file + ": permissions " + PosixFilePermissions.toString(perms)
                                + " let others read or change a private key; expected rw------- (chmod 600)");
                    }
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KeyFileException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static JsonNode parse(String json, String source, String kind, List<String> fields) throws KeyFileException {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the input; only the position is reported.
            var loc = e.getLocation();
            throw new KeyFileException(source + " is not valid JSON"
                    + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")")
                    + (e.getMessage() != null && e.getMessage().startsWith("Duplicate field") ? ": a field appears twice" : ""));
        }
        if (n == null || !n.isObject()) {
            throw new KeyFileException(source + " is not a JSON object");
        }
        for (String f : List.of("format", "version", "kind")) {
            if (!n.has(f)) {
                throw new KeyFileException(source + ": field " + f + " is missing");
            }
        }
        if (!n.get("format").isTextual() || !FORMAT.equals(n.get("format").asText())) {
            throw new KeyFileException(source + ": field format must be \"" + FORMAT + "\"");
        }
        if (!n.get("version").isIntegralNumber() || n.get("version").asLong() != VERSION) {
            throw new KeyFileException(source + ": field version must be " + VERSION);
        }
        JsonNode k = n.get("kind");
        if (!k.isTextual() || !kind.equals(k.asText())) {
            throw new KeyFileException(source + ": field kind must be \"" + kind + "\""
                    + (k.isTextual() && List.of(KIND_HPKE, KIND_ED25519).contains(k.asText())
                            ? " (this is a " + k.asText() + " key file)" : ""));
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw new KeyFileException(source + ": unknown field '" + printable(f) + "' for a " + kind + " key file");
            }
        }
        for (String f : fields) {
            if (!n.has(f)) {
                throw new KeyFileException(source + ": field " + f + " is missing");
            }
        }
        return n;
    }

    private static byte[] hex(JsonNode n, String field, int bytes, String source) throws KeyFileException {
        JsonNode v = n.get(field);
        String s = v.isTextual() ? v.asText() : null;
        if (s == null || s.length() != 2 * bytes || !s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new KeyFileException(source + ": field " + field + " must be " + 2 * bytes + " lower-case hex digits");
        }
        return HEX.parseHex(s);
    }

    private static String printable(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
