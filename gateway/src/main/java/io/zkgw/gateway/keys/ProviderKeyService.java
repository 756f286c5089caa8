package io.zkgw.gateway.keys;

import io.zkgw.envelope.HpkeKeyPair;
import io.zkgw.envelope.KeyFileException;
import io.zkgw.envelope.KeyFiles;
import io.zkgw.gateway.audit.AuditService;
import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.gateway.dataset.CommitmentStatus;
import io.zkgw.gateway.db.Timestamps;
import io.zkgw.gateway.inference.HpkePayloadOpener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The provider's HPKE key, registered once: generated on the appliance into zkgw.keys.provider-key-file
 * (mode 600, never overwritten), its public key stored and audited; RegisterProvider carries the public
 * key to the ledger once the chain client is wired in.
 */
@ApplicationScoped
public class ProviderKeyService {
    /** HPKE suite of envelope/: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305. */
    public static final String SUITE = "hpke-x25519-hkdf-sha256-chacha20poly1305";

    @Inject
    Session session;

    @Inject
    GatewayConfig config;

    @Inject
    AuditService audit;

    @Inject
    HpkePayloadOpener opener;

    /** A second registration, refused: the key is registered once. */
    public static final class AlreadyRegistered extends RuntimeException {
        public AlreadyRegistered(String message) {
            super(message);
        }
    }

    @Transactional
    public ProviderKeyEntity register() {
        Path file = config.keys().providerKeyFile().toAbsolutePath();
        if (current().isPresent() || Files.exists(file)) {
            throw new AlreadyRegistered("a provider key is already registered (" + file + "); it is registered once");
        }
        HpkeKeyPair k = HpkeKeyPair.generate(new SecureRandom());
        try {
            Files.createDirectories(file.getParent());
            KeyFiles.write(file, k);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the provider key file " + file + ": " + e.getMessage(), e);
        }
        var now = Timestamps.now();
        ProviderKeyEntity e = new ProviderKeyEntity();
        e.id = UUID.randomUUID();
        e.suite = SUITE;
        e.publicKey = k.publicKey();
        e.keyFile = file.toString();
        e.status = CommitmentStatus.REGISTERED;
        e.createdAt = now;
        e.updatedAt = now;
        session.persist(e);
        audit.append("provider_key_registered", "key=" + e.id + "\nhpke_public_key=" + HexFormat.of().formatHex(e.publicKey) + "\n");
        opener.reload();
        return e;
    }

    @Transactional
    public Optional<ProviderKeyEntity> current() {
        return session.createSelectionQuery("from ProviderKeyEntity order by createdAt desc", ProviderKeyEntity.class)
                .setMaxResults(1).uniqueResultOptional();
    }

    /** Checks the key file still holds the registered key (health, start-up). */
    public boolean keyFileMatches(ProviderKeyEntity e) {
        try {
            return java.util.Arrays.equals(KeyFiles.readHpke(Path.of(e.keyFile)).publicKey(), e.publicKey);
        } catch (KeyFileException ex) {
            return false;
        }
    }
}
