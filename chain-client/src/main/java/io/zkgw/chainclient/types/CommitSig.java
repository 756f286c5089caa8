package io.zkgw.chainclient.types;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.Objects;

/**
 * One validator's slot in a commit: whether it voted for the block, for nil, or was absent, and its
 * precommit's timestamp and signature (each validator signs its own timestamp).
 */
public record CommitSig(BlockIdFlag flag, ByteString validatorAddress, Instant timestamp, ByteString signature) {

    /** CometBFT's BlockIDFlag values. */
    public enum BlockIdFlag {
        ABSENT(1),
        COMMIT(2),
        NIL(3);

        private final int value;

        BlockIdFlag(int value) {
            this.value = value;
        }

        public int value() {
            return value;
        }

        /** The flag with this number; IllegalArgumentException for any other. */
        public static BlockIdFlag of(int value) {
            for (BlockIdFlag f : values()) {
                if (f.value == value) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown block_id_flag " + value);
        }
    }

    public CommitSig {
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(validatorAddress, "validatorAddress");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(signature, "signature");
    }

    /** An absent slot: no vote was received from this validator. */
    public static CommitSig absent() {
        return new CommitSig(BlockIdFlag.ABSENT, ByteString.EMPTY, Instant.parse("0001-01-01T00:00:00Z"), ByteString.EMPTY);
    }

    public CommitSig withSignature(ByteString s) {
        return new CommitSig(flag, validatorAddress, timestamp, s);
    }
}
