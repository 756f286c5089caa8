package io.zkgw.gateway.keys;

import io.zkgw.gateway.dataset.CommitmentRow;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The provider's HPKE public key as registered (RegisterProvider); the private key stays in its file. Its
 * publication columns are {@link CommitmentRow}'s under the {@code register_*} names of its table.
 */
@Entity
@Table(name = "provider_key")
@AttributeOverride(name = "commitTxHash", column = @Column(name = "register_tx_hash", length = 64))
@AttributeOverride(name = "commitTxBytes", column = @Column(name = "register_tx_bytes"))
@AttributeOverride(name = "commitError", column = @Column(name = "register_error", length = 64))
public class ProviderKeyEntity extends CommitmentRow {
    @Id
    public UUID id;

    @Column(nullable = false, length = 64)
    public String suite;

    @Column(name = "public_key", nullable = false)
    public byte[] publicKey;

    @Column(name = "key_file", nullable = false, length = 4096)
    public String keyFile;

    /** The provider's ledger address (40 hex digits), known once RegisterProvider is signed. */
    @Column(name = "chain_address", length = 40)
    public String chainAddress;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** RegisterProvider creates no object id: the provider is its address. */
    @Override
    protected void ledgerId(byte[] id) {}
}
