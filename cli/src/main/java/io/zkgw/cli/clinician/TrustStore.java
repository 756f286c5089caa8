package io.zkgw.cli.clinician;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkgw.chainclient.light.TrustAnchor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The trust anchors this clinician has accepted, one per chain id, in one file (0600):
 * {@code {"format": "zkgw-trust", "version": 1, "anchors": {"<chain id>": "<height>:<HEX hash>"}}}.
 * Every later run verifies the node's blocks from the stored anchor, so a node that changes its story (or
 * another node for the same chain id) is caught.
 */
public final class TrustStore {
    public static final String FORMAT = "zkgw-trust";
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path file;

    public TrustStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<TrustAnchor> get(String chainId) {
        return Optional.ofNullable(all().get(chainId)).map(TrustAnchor::parse);
    }

    public synchronized void put(String chainId, TrustAnchor anchor) {
        Map<String, String> m = all();
        m.put(chainId, anchor.toString());
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("version", 1);
        ObjectNode a = n.putObject("anchors");
        m.forEach(a::put);
        try {
            PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n", true);
        } catch (IOException e) {
            throw new ClinicianException(ClinicianException.Kind.STORE, "cannot write trust anchors to " + file + ": " + e.getMessage());
        }
    }

    private Map<String, String> all() {
        Map<String, String> m = new TreeMap<>();
        if (!Files.exists(file)) {
            return m;
        }
        try {
            JsonNode n = JSON.readTree(PrivateFiles.read(file));
            if (n == null || !FORMAT.equals(n.path("format").asText()) || n.path("version").asInt() != 1
                    || !n.path("anchors").isObject()) {
                throw new IOException("not a " + FORMAT + " file");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.get("anchors").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                TrustAnchor.parse(e.getValue().asText()); // refuse a malformed entry now, not at use
                m.put(e.getKey(), e.getValue().asText());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ClinicianException(ClinicianException.Kind.STORE, "trust anchor file " + file + " refused: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0]));
        }
        return m;
    }
}
