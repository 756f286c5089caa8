package io.zkgw.cli.clinician;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkgw.inference.card.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A patient's features in real units, by the model card's feature names: {@code patient.json} is one JSON
 * object, feature name → number. Every feature of the card must be there, nothing else, each a finite
 * number the model can represent. Errors name the feature, never its value (it is patient data).
 */
public final class PatientInput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final int MAX_NAMED = 5;

    private final Map<String, Double> features;

    private PatientInput(Map<String, Double> features) {
        this.features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    /** The features as given (the order of the file). */
    public Map<String, Double> features() {
        return features;
    }

    public static PatientInput of(Map<String, Double> features) {
        return new PatientInput(features);
    }

    public static PatientInput read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw bad("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        return parse(text, file.toString());
    }

    /** @param source names the input in error messages */
    public static PatientInput parse(String json, String source) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            boolean dup = e.getMessage() != null && e.getMessage().startsWith("Duplicate field");
            throw bad(source + " is not valid JSON" + (loc == null ? "" : " (line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr() + ")") + (dup ? ": a feature appears twice" : ""));
        }
        if (n == null || !n.isObject()) {
            throw bad(source + " must be one JSON object: feature name -> number");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isNumber()) {
                throw bad(source + ": feature '" + printable(e.getKey()) + "' is not a number ("
                        + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
            double d = v.asDouble();
            if (!Double.isFinite(d)) {
                throw bad(source + ": feature '" + printable(e.getKey()) + "' is not a finite number");
            }
            m.put(e.getKey(), d);
        }
        return new PatientInput(m);
    }

    /**
     * The quantised input x in the card's feature order, with the card's public map. A value the integer
     * model cannot represent (it would be clamped to the model's input range, silently changing the
     * patient) is refused with the representable range in real units.
     */
    public long[] quantise(ModelCard card) {
        List<String> names = card.input().features();
        List<String> missing = new ArrayList<>();
        for (String f : names) {
            if (!features.containsKey(f)) {
                missing.add(f);
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String f : features.keySet()) {
            if (!names.contains(f)) {
                unknown.add(printable(f));
            }
        }
        if (!unknown.isEmpty()) {
            throw bad("unknown feature" + (unknown.size() > 1 ? "s " : " ") + quoted(unknown) + " (the model "
                    + card.name() + " expects " + names.size() + " features: " + quoted(names) + ")");
        }
        if (!missing.isEmpty()) {
            throw bad("missing feature" + (missing.size() > 1 ? "s " : " ") + quoted(missing) + " (the model "
                    + card.name() + " expects " + names.size() + " features)");
        }
        ModelCard.Input in = card.input();
        double[] raw = new double[names.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = features.get(names.get(i));
            double q = Math.rint((raw[i] * in.mul()[i] + in.add()[i]) / in.scale());
            if (!(q >= in.lo() && q <= in.hi())) {
                double a = (in.lo() * in.scale() - in.add()[i]) / in.mul()[i];
                double b = (in.hi() * in.scale() - in.add()[i]) / in.mul()[i];
                throw bad("feature '" + names.get(i) + "' is outside the range the model can represent: ["
                        + fmt(Math.min(a, b)) + ", " + fmt(Math.max(a, b)) + "]");
            }
        }
        // the card's own quantiser, so the rounding is exactly the model pipeline's
        return card.spec().quantiseInput(raw);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }

    private static String quoted(List<String> names) {
        List<String> shown = names.size() > MAX_NAMED ? names.subList(0, MAX_NAMED) : names;
        String s = "'" + String.join("', '", shown) + "'";
        return names.size() > MAX_NAMED ? s + " and " + (names.size() - MAX_NAMED) + " more" : s;
    }

    private static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static ClinicianException bad(String message) {
        return new ClinicianException(ClinicianException.Kind.BAD_INPUT, message);
    }

    /** Never shows the values. */
    @Override
    public String toString() {
        return "PatientInput[" + features.size() + " features]";
    }
}
