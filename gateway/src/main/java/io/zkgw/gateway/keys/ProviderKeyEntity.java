package io.zkgw.gateway.keys;

import io.zkgw.gateway.dataset.CommitmentStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The provider's HPKE public key as registered (RegisterProvider); the private key stays in its file. */
@Entity
@Table(name = "provider_key")
public class ProviderKeyEntity {
    @Id
    public UUID id;

    @Column(nullable = false, length = 64)
    public String suite;

    @Column(name = "public_key", nullable = false)
    public byte[] publicKey;

    @Column(name = "key_file", nullable = false, length = 4096)
    public String keyFile;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public CommitmentStatus status;

    @Column(name = "register_tx_hash", length = 64)
    public String registerTxHash;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
