package io.zkgw.gateway.keys;

import io.zkgw.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The model blinding secret, a 32-byte file next to the dataset salt key ({@code <data-dir>/keys/model-blinding.key},
 * owner-only, generated on first use). C_W is a hiding commitment; its randomness comes from a per-model key
 * {@code HMAC-SHA256(secret, "zkgw/gateway/model-blinding" || model id)}, so the gateway rebuilds the same C_W
 * from the .zkm file after a restart. Losing the file means stored models can no longer be re-committed to
 * their registered commitment; leaking it lets the weights be brute-forced from C_W.
 */
@ApplicationScoped
public class ModelBlindingKey {
    @Inject
    GatewayConfig config;

    private volatile byte[] secret;

    /** The blinding key of one model's commitment C_W (32 bytes). */
    public byte[] forModel(UUID modelId) {
        return forModel(modelId, 0);
    }

    /**
     * The blinding key of a model's commitment number {@code epoch}: C_W stays hidden over its proof budget
     * K only (docs/inference-proofs.md §11), after which the model is committed again under the next epoch's
     * key. Epoch 0 is {@link #forModel(UUID)}.
     */
    public byte[] forModel(UUID modelId, long epoch) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            mac.update("zkgw/gateway/model-blinding".getBytes(StandardCharsets.UTF_8));
            mac.update(modelId.toString().getBytes(StandardCharsets.UTF_8));
            if (epoch != 0) {
                mac.update(("/epoch/" + epoch).getBytes(StandardCharsets.UTF_8));
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private byte[] secret() {
        byte[] k = secret;
        if (k == null) {
            synchronized (this) {
                if (secret == null) {
                    secret = DatasetSaltKey.loadOrCreate(file(), 32);
                }
                k = secret;
            }
        }
        return k;
    }

    Path file() {
        return config.dataDir().resolve("keys").resolve("model-blinding.key");
    }
}
