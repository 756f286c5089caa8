package io.zkgw.cli.clinician;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkgw.inference.card.ModelCard;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.prover.inference.CircuitDescription;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * The model card as it travels on the ledger ({@code CommitModel.model_card}): the {@code card.json} of a
 * {@code .zkm} file, byte for byte. The ledger never parses it; the clinician does, and checks that it
 * describes the committed circuit D before using it to quantise a patient's input.
 */
public final class ModelCards {
    /** The ledger's limit (chain-app {@code Limits.MAX_MODEL_CARD_BYTES}). */
    public static final int MAX_BYTES = 64 << 10;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ModelCards() {}

    /** The {@code card.json} bytes of a {@code .zkm} file, as they go into CommitModel (as the gateway sends them). */
    public static byte[] fromZkm(Path zkm) throws IOException {
        byte[] card = ZkmFile.cardJson(ZkmFile.read(zkm).card());
        if (card.length > MAX_BYTES) {
            throw new IOException(zkm + ": card.json is larger than the ledger's " + MAX_BYTES + " bytes");
        }
        return card;
    }

    /**
     * Parses card bytes read from the ledger and checks them against D: the same input width, the same
     * quantised input range, an output size equal to D's, one feature name per input, distinct.
     *
     * @param modelId names the model in error messages
     */
    public static ModelCard parse(byte[] bytes, CircuitDescription d, String modelId) {
        if (bytes.length == 0) {
            throw new ClinicianException(ClinicianException.Kind.UNKNOWN_MODEL, "model " + modelId
                    + " has no model card on the ledger (committed without one); a request cannot be built");
        }
        ModelCard card;
        try {
            card = JSON.readValue(bytes, ModelCard.class);
        } catch (IOException e) {
            // Jackson's message may quote the input; the position is enough
            var loc = e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getLocation() : null;
            throw new ClinicianException(ClinicianException.Kind.UNKNOWN_MODEL, "the model card of " + modelId
                    + " on the ledger is not a valid card.json" + (loc == null ? "" : " (line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr() + ")"));
        }
        String bad = mismatch(card, d);
        if (bad != null) {
            throw new ClinicianException(ClinicianException.Kind.UNKNOWN_MODEL, "the model card of " + modelId
                    + " does not describe its committed circuit: " + bad);
        }
        return card;
    }

    private static String mismatch(ModelCard c, CircuitDescription d) {
        if (c.formatVersion() != ModelCard.FORMAT_VERSION) {
            return "card format " + c.formatVersion() + " (expected " + ModelCard.FORMAT_VERSION + ")";
        }
        if (c.input() == null || c.output() == null || c.quantisation() == null || c.input().mul() == null
                || c.input().add() == null || c.output().transform() == null) {
            return "input, output or quantisation section missing";
        }
        int n = d.inputSize();
        if (c.input().mul().length != n || c.input().add().length != n) {
            return "input map has " + c.input().mul().length + " entries, the circuit " + n + " inputs";
        }
        List<String> f = c.input().features();
        if (f == null || f.size() != n || new HashSet<>(f).size() != n || f.stream().anyMatch(s -> s == null || s.isEmpty())) {
            return "feature names must be " + n + " distinct, non-empty names";
        }
        if (c.input().lo() != d.inLo() || c.input().hi() != d.inHi()) {
            return "input range [" + c.input().lo() + ", " + c.input().hi() + "] differs from the circuit's ["
                    + d.inLo() + ", " + d.inHi() + "]";
        }
        if (!(c.input().scale() > 0) || !Double.isFinite(c.input().scale()) || !Double.isFinite(c.output().scale())) {
            return "scales must be finite and the input scale positive";
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(c.input().mul()[i]) || !Double.isFinite(c.input().add()[i])) {
                return "input map entry " + i + " is not finite";
            }
        }
        long outputs = 1;
        if (c.output().shape() != null) {
            for (int s : c.output().shape()) {
                outputs *= s;
            }
        }
        if (c.output().shape() == null || outputs != d.outputSize()) {
            return "output shape does not have the circuit's " + d.outputSize() + " outputs";
        }
        return null;
    }
}
