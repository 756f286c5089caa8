package io.zkgw.inference.quant;

import io.zkgw.ir.IntModel;

/** An integer model together with the float maps at its edges. */
public record QuantizedModel(IntModel intModel, QuantSpec spec) {}
