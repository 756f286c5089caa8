package io.zkgw.gateway.inference;

import io.zkgw.envelope.HpkeKeyPair;
import io.zkgw.envelope.KeyFileException;
import io.zkgw.envelope.KeyFiles;
import io.zkgw.envelope.Opened;
import io.zkgw.envelope.PublicRequest;
import io.zkgw.envelope.RequestEnvelope;
import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.gateway.job.JobView;
import io.zkgw.prover.inference.CircuitDescription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Opens request envelopes (RFC 9180 HPKE, envelope/) with the provider key in zkgw.keys.provider-key-file.
 * The envelope is bound to the request's public data (chain id, requester, model id, commitments, fee,
 * deadline), so a ciphertext copied from another request does not open.
 */
@ApplicationScoped
public class HpkePayloadOpener implements PayloadOpener {
    @Inject
    GatewayConfig config;

    private volatile HpkeKeyPair key;

    @Override
    public boolean available() {
        return key != null || Files.exists(keyFile());
    }

    @Override
    public Opened open(JobView job, CircuitDescription d) {
        PublicRequest request = new PublicRequest(config.chain().chainId(), HexFormat.of().parseHex(job.requester()),
                job.chainModelId(), job.inputCommitment(), job.maskCommitment(), job.fee(), job.deadlineHeight());
        return RequestEnvelope.openAndCheck(key(), request, d, job.encryptedPayload());
    }

    private HpkeKeyPair key() {
        HpkeKeyPair k = key;
        if (k == null) {
            try {
                k = KeyFiles.readHpke(keyFile());
            } catch (KeyFileException e) {
                // the message names the file and field, never key material
                throw new IllegalStateException("provider key unusable: " + e.getMessage(), e);
            }
            key = k;
        }
        return k;
    }

    /** Forgets the loaded key (after a new one was generated). */
    public void reload() {
        key = null;
    }

    private Path keyFile() {
        return config.keys().providerKeyFile();
    }
}
