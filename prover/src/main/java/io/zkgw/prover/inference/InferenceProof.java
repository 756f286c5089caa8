package io.zkgw.prover.inference;

import java.util.List;

/**
 * A proof of B inferences, as produced by {@link InferenceProver}: the encoded proof and, per request, the
 * masked output z = y + r it proves (public, goes on the ledger next to the proof).
 *
 * <p>Encoding (version 1): {@code u8 version || u64 seed || witness commitment root || the protocol's
 * messages in order}: zero-check sumcheck, linear-stage values and sumcheck, im2col sumcheck, the lookup
 * fraction trees, the claim-reduction sumcheck, then the PCS openings (witness, weights, each C_x, each
 * C_r) as u32-length-prefixed tensor-PCS proofs. Every size is derived from D and the batch size; field
 * elements are canonical; no trailing bytes.
 */
public record InferenceProof(byte[] bytes, List<long[]> maskedOutputs) {
    public InferenceProof {
        bytes = bytes.clone();
        maskedOutputs = maskedOutputs.stream().map(long[]::clone).toList();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }
}
