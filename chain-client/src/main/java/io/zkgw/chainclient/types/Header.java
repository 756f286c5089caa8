package io.zkgw.chainclient.types;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.Objects;

/**
 * A CometBFT block header (v0.38), field for field. Its hash ({@link #hash()}) is what validators sign
 * (through the commit's block id); every field below is covered by it.
 */
public record Header(
        Version version,
        String chainId,
        long height,
        Instant time,
        BlockId lastBlockId,
        ByteString lastCommitHash,
        ByteString dataHash,
        ByteString validatorsHash,
        ByteString nextValidatorsHash,
        ByteString consensusHash,
        ByteString appHash,
        ByteString lastResultsHash,
        ByteString evidenceHash,
        ByteString proposerAddress) {

    public Header {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(lastBlockId, "lastBlockId");
        Objects.requireNonNull(lastCommitHash, "lastCommitHash");
        Objects.requireNonNull(dataHash, "dataHash");
        Objects.requireNonNull(validatorsHash, "validatorsHash");
        Objects.requireNonNull(nextValidatorsHash, "nextValidatorsHash");
        Objects.requireNonNull(consensusHash, "consensusHash");
        Objects.requireNonNull(appHash, "appHash");
        Objects.requireNonNull(lastResultsHash, "lastResultsHash");
        Objects.requireNonNull(evidenceHash, "evidenceHash");
        Objects.requireNonNull(proposerAddress, "proposerAddress");
    }

    /** The header hash (the Merkle root of the encoded fields, see {@link CanonicalEncoding#headerHash}). */
    public ByteString hash() {
        return CanonicalEncoding.headerHash(this);
    }

    public Header withAppHash(ByteString h) {
        return new Header(version, chainId, height, time, lastBlockId, lastCommitHash, dataHash, validatorsHash,
                nextValidatorsHash, consensusHash, h, lastResultsHash, evidenceHash, proposerAddress);
    }

    public Header withChainId(String c) {
        return new Header(version, c, height, time, lastBlockId, lastCommitHash, dataHash, validatorsHash,
                nextValidatorsHash, consensusHash, appHash, lastResultsHash, evidenceHash, proposerAddress);
    }

    public Header withTime(Instant t) {
        return new Header(version, chainId, height, t, lastBlockId, lastCommitHash, dataHash, validatorsHash,
                nextValidatorsHash, consensusHash, appHash, lastResultsHash, evidenceHash, proposerAddress);
    }

    public Header withDataHash(ByteString h) {
        return new Header(version, chainId, height, time, lastBlockId, lastCommitHash, h, validatorsHash,
                nextValidatorsHash, consensusHash, appHash, lastResultsHash, evidenceHash, proposerAddress);
    }
}
