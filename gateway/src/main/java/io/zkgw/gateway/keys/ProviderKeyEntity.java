package io.zkgw.gateway.keys;

import io.zkgw.gateway.dataset.CommitmentStatus;
import io.zkgw.gateway.dataset.Publishable;
import io.zkgw.gateway.db.Timestamps;
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
public class ProviderKeyEntity implements Publishable {
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

    /** The signed RegisterProvider, stored before its first broadcast (re-sent as is after a restart). */
    @Column(name = "register_tx_bytes")
    public byte[] registerTxBytes;

    /** The provider's ledger address (40 hex digits), known once RegisterProvider is signed. */
    @Column(name = "chain_address", length = 40)
    public String chainAddress;

    /** The ledger code of the last refused registration attempt, if any. */
    @Column(name = "register_error", length = 64)
    public String registerError;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Override
    public void signed(byte[] txBytes, String txHash, byte[] chainId) {
        this.registerTxBytes = txBytes;
        this.registerTxHash = txHash;
        this.registerError = null;
        this.status = CommitmentStatus.SUBMITTED;
        this.updatedAt = Timestamps.now();
    }

    @Override
    public void failed(String code, CommitmentStatus to) {
        this.registerTxBytes = null;
        this.registerTxHash = null;
        this.registerError = code;
        this.status = to;
        this.updatedAt = Timestamps.now();
    }

    @Override
    public void committed() {
        this.status = CommitmentStatus.COMMITTED;
        this.updatedAt = Timestamps.now();
    }
}
