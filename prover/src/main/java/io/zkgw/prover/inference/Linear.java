package io.zkgw.prover.inference;

import io.zkgw.prover.sumcheck.SumOfProducts;

/** Helpers shared by the gadgets of linear ops. */
final class Linear {
    private Linear() {}

    static final SumOfProducts PRODUCT = SumOfProducts.product(2);
}
