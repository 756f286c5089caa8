package io.zkgw.chainapp.app;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.inference.CircuitDescription;
import io.zkgw.prover.inference.InferenceVerifier;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.ModelCommitment;
import io.zkgw.prover.inference.RequestStatement;
import io.zkgw.prover.pcs.tensor.TensorCommitment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ledger's {@link FulfilmentVerifier}: decodes what CommitModel, RequestPrediction and FulfillPrediction(s)
 * stored and runs the prover module's {@link InferenceVerifier} on it. The decoded circuit description of
 * recently used models is cached; the cache only saves work, the answer never depends on it.
 */
public final class InferenceProofVerifier implements FulfilmentVerifier {
    private static final int CACHE_MODELS = 64;

    private record Decoded(byte[] circuitBytes, CircuitDescription d) {}

    private final Map<String, Decoded> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Decoded> eldest) {
            return size() > CACHE_MODELS;
        }
    };

    @Override
    public void verify(Claim c) throws InvalidProof {
        CircuitDescription d = circuit(c.modelId(), c.circuitDescription());
        ModelCommitment model;
        try {
            model = ModelCommitment.decode(c.weightsCommitment());
        } catch (DecodingException e) {
            // CommitModel already checked it; reaching here means a ledger bug
            throw new InvalidProof("stored model commitment does not decode: " + e.getMessage());
        }
        List<RequestStatement> statements = new ArrayList<>(c.answers().size());
        for (int i = 0; i < c.answers().size(); i++) {
            statements.add(statement(d, c.answers().get(i), c.answers().size() == 1 ? "" : "answers[" + i + "]."));
        }
        try {
            InferenceVerifier.verify(d, model, statements, c.proof());
        } catch (VerificationException e) {
            throw new InvalidProof(e.getMessage());
        }
    }

    private static RequestStatement statement(CircuitDescription d, Answer a, String where) throws InvalidProof {
        TensorCommitment input;
        TensorCommitment mask;
        MaskedOutput z;
        try {
            input = TensorCommitment.decode(a.inputCommitment());
            mask = TensorCommitment.decode(a.maskCommitment());
        } catch (DecodingException e) {
            // RequestPrediction already checked these; reaching here means a ledger bug
            throw new InvalidProof("stored commitment does not decode: " + e.getMessage());
        }
        try {
            z = MaskedOutput.decode(a.maskedOutput());
        } catch (DecodingException e) {
            throw new InvalidProof(where + "masked_output: " + e.getMessage());
        }
        if (z.z().length != d.outputSize()) {
            throw new InvalidProof(where + "masked_output has " + z.z().length + " elements; the model outputs " + d.outputSize());
        }
        return new RequestStatement(input, mask, z.z());
    }

    private CircuitDescription circuit(byte[] modelId, byte[] circuitBytes) throws InvalidProof {
        String key = Arrays.toString(modelId);
        synchronized (cache) {
            Decoded hit = cache.get(key);
            if (hit != null && Arrays.equals(hit.circuitBytes(), circuitBytes)) {
                return hit.d();
            }
        }
        CircuitDescription d;
        try {
            d = CircuitDescription.decode(circuitBytes);
        } catch (DecodingException e) {
            throw new InvalidProof("stored circuit description does not decode: " + e.getMessage());
        }
        synchronized (cache) {
            cache.put(key, new Decoded(circuitBytes.clone(), d));
        }
        return d;
    }
}
