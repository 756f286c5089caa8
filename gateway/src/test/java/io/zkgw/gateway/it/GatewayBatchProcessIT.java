package io.zkgw.gateway.it;

/**
 * {@link GatewayProcessIT} with zkgw.prover.batch-size = 8: the same 50 concurrent requests, SIGKILL while jobs
 * wait to be batched or proved, and 30 s ledger outage, answered by batch proofs. Every request is fulfilled
 * exactly once, by fewer proofs than requests; the provider pays one tx fee and the epochs count one proof per
 * batch; no plaintext reaches the ledger.
 */
class GatewayBatchProcessIT extends GatewayProcessIT {
    @Override
    int batchSize() {
        return 8;
    }
}
