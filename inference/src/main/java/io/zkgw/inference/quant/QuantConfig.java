package io.zkgw.inference.quant;

/**
 * Quantisation settings.
 *
 * @param activationBits 8 (default) or 16: width of every hidden activation
 * @param outputBits     width of the final layer's output (16 by default, so regressions keep precision)
 * @param multiplierBits requantisation multipliers M are below 2^multiplierBits (24 by default)
 */
public record QuantConfig(int activationBits, int outputBits, int multiplierBits) {
    public static final QuantConfig DEFAULT = new QuantConfig(8, 16, 24);

    public QuantConfig {
        if (activationBits != 8 && activationBits != 16) {
            throw new IllegalArgumentException("activation bits must be 8 or 16, not " + activationBits);
        }
        if (outputBits < 8 || outputBits > 24) {
            throw new IllegalArgumentException("output bits must be within 8..24, not " + outputBits);
        }
        if (multiplierBits < 8 || multiplierBits > 30) {
            throw new IllegalArgumentException("multiplier bits must be within 8..30, not " + multiplierBits);
        }
    }

    public QuantConfig withActivationBits(int bits) {
        return new QuantConfig(bits, outputBits, multiplierBits);
    }
}
