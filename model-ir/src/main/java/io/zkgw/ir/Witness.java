package io.zkgw.ir;

import java.util.Arrays;
import java.util.List;

/**
 * One inference through an integer model: the input and every op's output, in op order.
 * This is everything the prover needs besides the model itself.
 */
public record Witness(long[] input, List<long[]> outputs) {
    public Witness {
        outputs = List.copyOf(outputs);
    }

    public long[] output() {
        return outputs.get(outputs.size() - 1);
    }

    /** True when both witnesses hold exactly the same values. */
    public boolean sameAs(Witness o) {
        if (!Arrays.equals(input, o.input) || outputs.size() != o.outputs.size()) {
            return false;
        }
        for (int i = 0; i < outputs.size(); i++) {
            if (!Arrays.equals(outputs.get(i), o.outputs.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first op whose output differs, or -1 when equal; -2 when the inputs differ. */
    public int firstDifference(Witness o) {
        if (!Arrays.equals(input, o.input)) {
            return -2;
        }
        for (int i = 0; i < Math.min(outputs.size(), o.outputs.size()); i++) {
            if (!Arrays.equals(outputs.get(i), o.outputs.get(i))) {
                return i;
            }
        }
        return outputs.size() == o.outputs.size() ? -1 : Math.min(outputs.size(), o.outputs.size());
    }
}
