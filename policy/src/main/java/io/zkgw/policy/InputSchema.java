package io.zkgw.policy;

import java.util.HashSet;
import java.util.List;

/**
 * The model card's input schema as the policies see it: feature names in input order, each with the
 * range the hospital accepts, in the card's real (dequantised) units.
 */
public record InputSchema(List<Feature> features) {
    /** One input feature and its accepted range {@code [min, max]}. */
    public record Feature(String name, double min, double max) {
        public Feature {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("feature name must not be empty");
            }
            if (!(min <= max)) {
                throw new IllegalArgumentException("feature " + name + ": min must be <= max");
            }
        }
    }

    public InputSchema {
        features = List.copyOf(features);
        var seen = new HashSet<String>();
        for (Feature f : features) {
            if (!seen.add(f.name())) {
                throw new IllegalArgumentException("feature name " + f.name() + " appears twice");
            }
        }
    }

    public int width() {
        return features.size();
    }
}
