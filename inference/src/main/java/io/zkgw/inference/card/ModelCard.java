package io.zkgw.inference.card;

import io.zkgw.inference.model.OutputTransform;
import io.zkgw.inference.quant.QuantSpec;
import java.util.List;
import java.util.Map;

/**
 * What a requester needs to use a committed model, and what an auditor reads: input schema and the
 * public quantisation map, output layout, labels and transform, and the hashes that tie the card to
 * the integer model it describes. Contains no weights.
 */
public record ModelCard(int formatVersion, String name, String sourceSha256, String integerModelSha256,
                        Input input, Output output, Quantisation quantisation, Map<String, String> metrics) {
    public static final int FORMAT_VERSION = 1;

    public record Input(String name, int[] shape, List<String> features, double[] mul, double[] add, double scale,
                        long lo, long hi) {}

    public record Output(int[] shape, double scale, OutputTransform transform, List<String> labels) {}

    public record Quantisation(int activationBits, int outputBits, long parameters) {}

    public QuantSpec spec() {
        return new QuantSpec(input.mul(), input.add(), input.scale(), input.lo(), input.hi(), output.scale(),
                output.transform(), quantisation.activationBits(), quantisation.outputBits());
    }

    public String labelOf(int cls) {
        List<String> l = output.labels();
        return l != null && cls >= 0 && cls < l.size() ? l.get(cls) : Integer.toString(cls);
    }
}
