package io.zkgw.chainclient.types;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.crypto.Hashes;
import java.util.Arrays;
import java.util.Objects;

/**
 * A validator: its 20-byte address, its Ed25519 public key (the only key type this ledger's validators
 * use) and its voting power. The proposer priority is not part of the validator set hash and not kept.
 */
public record Validator(ByteString address, ByteString publicKey, long votingPower) {
    public static final int ADDRESS_BYTES = 20;

    public Validator {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** CometBFT's address of an Ed25519 key: the first 20 bytes of its SHA-256. */
    public static ByteString addressOf(ByteString publicKey) {
        return ByteString.copyFrom(Arrays.copyOf(Hashes.sha256(publicKey.toByteArray()), ADDRESS_BYTES));
    }

    public Validator withVotingPower(long p) {
        return new Validator(address, publicKey, p);
    }
}
