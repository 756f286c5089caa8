package io.zkgw.cli.clinician;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkgw.envelope.RequestPayload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The clinician's secrets per request, one file each: {@code <dir>/<requestId>.json}, directory 0700, file
 * 0600. It holds x (the quantised input) and the mask seed — what unmasks the answer — next to the public
 * fields of the request, so that a later run can check the entry against the ledger (it recomputes C_x
 * and C_r from x and the seed and compares them with the request's on-chain commitments; an altered entry
 * cannot pass). Nothing here is ever printed or logged.
 *
 * <pre>
 * { "format": "zkgw-request", "version": 1, "request_id": "&lt;64 hex&gt;", "chain_id": "…",
 *   "requester": "&lt;40 hex&gt;", "provider": "&lt;40 hex&gt;", "model_id": "&lt;64 hex&gt;", "fee": 500,
 *   "deadline_height": 1234, "tx_hash": "&lt;64 HEX&gt;", "input_commitment": "&lt;hex&gt;",
 *   "mask_commitment": "&lt;hex&gt;", "x": [12, -3, …], "mask_seed": "&lt;64 hex&gt;" }
 * </pre>
 */
public final class RequestStore {
    public static final String FORMAT = "zkgw-request";
    public static final int VERSION = 1;
    private static final List<String> FIELDS = List.of("format", "version", "request_id", "chain_id", "requester",
            "provider", "model_id", "fee", "deadline_height", "tx_hash", "input_commitment", "mask_commitment", "x",
            "mask_seed");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final HexFormat HEX = HexFormat.of();

    private final Path dir;

    public RequestStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** One request's entry: its public fields and the secrets ({@code secrets}: x and the mask seed). */
    public record Entry(String requestId, String chainId, String requester, String provider, String modelId, long fee,
                        long deadlineHeight, String txHash, byte[] inputCommitment, byte[] maskCommitment,
                        RequestPayload secrets) {
        @Override
        public String toString() {
            return "Entry[" + requestId + ", model " + modelId + "]"; // never the secrets
        }
    }

    public Path file(String requestId) {
        return dir.resolve(requestId + ".json");
    }

    /** Writes a new entry (0600); refuses to replace one. */
    public Path save(Entry e) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("version", VERSION);
        n.put("request_id", e.requestId());
        n.put("chain_id", e.chainId());
        n.put("requester", e.requester());
        n.put("provider", e.provider());
        n.put("model_id", e.modelId());
        n.put("fee", e.fee());
        n.put("deadline_height", e.deadlineHeight());
        n.put("tx_hash", e.txHash());
        n.put("input_commitment", HEX.formatHex(e.inputCommitment()));
        n.put("mask_commitment", HEX.formatHex(e.maskCommitment()));
        ArrayNode x = n.putArray("x");
        for (long v : e.secrets().x()) {
            x.add(v);
        }
        n.put("mask_seed", HEX.formatHex(e.secrets().maskSeed()));
        Path f = file(e.requestId());
        PrivateFiles.write(f, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n", false);
        return f;
    }

    /** Removes an entry whose transaction the ledger refused (nothing was escrowed). */
    public void delete(String requestId) throws IOException {
        Files.deleteIfExists(file(requestId));
    }

    /** Reads and checks the form of an entry; whether it matches the ledger is the caller's check. */
    public Entry load(String requestId) {
        Path f = file(requestId);
        String text;
        try {
            text = PrivateFiles.read(f);
        } catch (NoSuchFileException e) {
            throw new ClinicianException(ClinicianException.Kind.UNKNOWN_REQUEST, "no local entry for request " + requestId
                    + " in " + dir + " (it holds the secrets that unmask the answer; was the request sent from here?)");
        } catch (IOException e) {
            throw store(f, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw store(f, "not valid JSON" + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
        }
        if (n == null || !n.isObject()) {
            throw store(f, "not a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!FIELDS.contains(k)) {
                throw store(f, "unknown field '" + k.replaceAll("[^\\x20-\\x7e]", "?") + "'");
            }
        }
        for (String k : FIELDS) {
            if (!n.has(k)) {
                throw store(f, "field " + k + " is missing");
            }
        }
        if (!FORMAT.equals(n.get("format").asText()) || !n.get("version").isIntegralNumber() || n.get("version").asInt() != VERSION) {
            throw store(f, "not a version-" + VERSION + " " + FORMAT + " file");
        }
        String id = hex(n, "request_id", 32, f);
        if (!id.equals(requestId)) {
            throw store(f, "field request_id names another request");
        }
        String chain = n.get("chain_id").isTextual() ? n.get("chain_id").asText() : "";
        if (chain.isEmpty()) {
            throw store(f, "field chain_id must be a non-empty string");
        }
        JsonNode xs = n.get("x");
        if (!xs.isArray() || xs.isEmpty() || xs.size() > RequestPayload.MAX_INPUTS) {
            throw store(f, "field x must be a non-empty array of integers");
        }
        long[] x = new long[xs.size()];
        for (int i = 0; i < x.length; i++) {
            if (!xs.get(i).isIntegralNumber() || !xs.get(i).canConvertToLong()) {
                throw store(f, "field x must be a non-empty array of integers");
            }
            x[i] = xs.get(i).asLong();
        }
        return new Entry(id, chain, hex(n, "requester", 20, f), hex(n, "provider", 20, f), hex(n, "model_id", 32, f),
                nonNegative(n, "fee", f), nonNegative(n, "deadline_height", f), hexAnyCase(n, "tx_hash", 32, f),
                HEX.parseHex(hexAnyLength(n, "input_commitment", f)), HEX.parseHex(hexAnyLength(n, "mask_commitment", f)),
                new RequestPayload(x, HEX.parseHex(hex(n, "mask_seed", RequestPayload.SEED_BYTES, f))));
    }

    private static long nonNegative(JsonNode n, String field, Path f) {
        JsonNode v = n.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw store(f, "field " + field + " must be a non-negative integer");
        }
        return v.asLong();
    }

    private static String hex(JsonNode n, String field, int bytes, Path f) {
        String s = n.get(field).isTextual() ? n.get(field).asText() : "";
        if (s.length() != 2 * bytes || !s.matches("[0-9a-f]*")) {
            throw store(f, "field " + field + " must be " + 2 * bytes + " lower-case hex digits");
        }
        return s;
    }

    private static String hexAnyCase(JsonNode n, String field, int bytes, Path f) {
        String s = n.get(field).isTextual() ? n.get(field).asText() : "";
        if (s.length() != 2 * bytes || !s.matches("[0-9a-fA-F]*")) {
            throw store(f, "field " + field + " must be " + 2 * bytes + " hex digits");
        }
        return s;
    }

    private static String hexAnyLength(JsonNode n, String field, Path f) {
        String s = n.get(field).isTextual() ? n.get(field).asText() : "";
        if (s.isEmpty() || s.length() % 2 != 0 || s.length() > 1024 || !s.matches("[0-9a-f]*")) {
            throw store(f, "field " + field + " must be lower-case hex");
        }
        return s;
    }

    static ClinicianException store(Path f, String why) {
        return new ClinicianException(ClinicianException.Kind.STORE, "request store entry " + f + " refused: " + why);
    }
}
