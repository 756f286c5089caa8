package io.zkgw.policy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What admission rules see of one request. CEL variables (types in CEL notation):
 * <pre>
 *   requester        string                 the requester's address, 40 lower-case hex digits
 *   fee              int                    the escrowed prediction fee
 *   price            int                    the model's on-chain price
 *   model_id         string                 64 lower-case hex digits
 *   features         list(double)           the input in real units, in input order (as many as the payload has)
 *   input            map(string, double)    feature name → value, for the first min(width, size(features)) names
 *   schema_width     int                    number of features the model card declares
 *   schema_min       map(string, double)    feature name → accepted minimum
 *   schema_max       map(string, double)    feature name → accepted maximum
 *   recent_requests  int                    this requester's requests in the caller's sliding window, this one excluded
 * </pre>
 * {@code toString} never shows feature values.
 *
 * @param features       the request's input in real units (the gateway dequantises x with the card's map)
 * @param recentRequests counted by the caller over its own window
 */
public record RequestContext(String requester, long fee, long price, String modelId, InputSchema schema,
                             double[] features, long recentRequests) {
    public RequestContext {
        if (requester == null || modelId == null || schema == null || features == null) {
            throw new IllegalArgumentException("requester, modelId, schema and features are required");
        }
        features = features.clone();
    }

    /** Same, with the addresses as raw bytes (20-byte requester, 32-byte model id). */
    public static RequestContext of(byte[] requester, long fee, long price, byte[] modelId, InputSchema schema,
                                    double[] features, long recentRequests) {
        return new RequestContext(HexFormat.of().formatHex(requester), fee, price, HexFormat.of().formatHex(modelId),
                schema, features, recentRequests);
    }

    @Override
    public double[] features() {
        return features.clone();
    }

    /** The CEL activation. */
    Map<String, Object> variables() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("requester", requester);
        v.put("fee", fee);
        v.put("price", price);
        v.put("model_id", modelId);
        List<Double> list = Arrays.stream(features).boxed().toList();
        v.put("features", list);
        Map<String, Double> input = new LinkedHashMap<>();
        Map<String, Double> min = new LinkedHashMap<>();
        Map<String, Double> max = new LinkedHashMap<>();
        List<InputSchema.Feature> fs = schema.features();
        for (int i = 0; i < fs.size(); i++) {
            if (i < features.length) {
                input.put(fs.get(i).name(), features[i]);
            }
            min.put(fs.get(i).name(), fs.get(i).min());
            max.put(fs.get(i).name(), fs.get(i).max());
        }
        v.put("input", input);
        v.put("schema_width", (long) schema.width());
        v.put("schema_min", min);
        v.put("schema_max", max);
        v.put("recent_requests", recentRequests);
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestContext c && requester.equals(c.requester) && fee == c.fee && price == c.price
                && modelId.equals(c.modelId) && schema.equals(c.schema) && Arrays.equals(features, c.features)
                && recentRequests == c.recentRequests;
    }

    @Override
    public int hashCode() {
        return requester.hashCode() * 31 + modelId.hashCode();
    }

    @Override
    public String toString() {
        return "RequestContext[requester=" + requester + ", fee=" + fee + ", price=" + price + ", model=" + modelId
                + ", features=" + features.length + " values, recent=" + recentRequests + "]";
    }
}
