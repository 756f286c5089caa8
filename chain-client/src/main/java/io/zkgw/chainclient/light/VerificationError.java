package io.zkgw.chainclient.light;

import com.google.protobuf.ByteString;
import io.zkgw.chainclient.types.Hex;
import java.time.Duration;
import java.time.Instant;

/**
 * Why a header, commit, validator set or proof was not accepted. Each case names what failed and carries
 * the values that disagree; {@link #describe()} renders them for people and logs.
 */
public sealed interface VerificationError {

    String describe();

    /** A header (or the commit's votes) belongs to another chain than the one configured. */
    record ChainIdMismatch(long height, String expected, String actual) implements VerificationError {
        public String describe() {
            return "header at height " + height + " is for chain '" + actual + "', expected '" + expected + "'";
        }
    }

    /** The trust anchor's configured hash is not the hash of the header the node served at that height. */
    record TrustAnchorMismatch(long height, ByteString expected, ByteString actual) implements VerificationError {
        public String describe() {
            return "header at trust anchor height " + height + " hashes to " + Hex.upper(actual)
                    + ", the anchor says " + Hex.upper(expected);
        }
    }

    /**
     * The commit signs another block than this header: some header field was changed (or the commit belongs
     * to another block).
     */
    record HeaderHashMismatch(long height, ByteString signedBlockHash, ByteString headerHash) implements VerificationError {
        public String describe() {
            return "commit at height " + height + " signs block " + Hex.upper(signedBlockHash)
                    + " but the header hashes to " + Hex.upper(headerHash);
        }
    }

    /** The validator set given for a height does not hash to the header's validators_hash. */
    record ValidatorSetHashMismatch(long height, ByteString headerValidatorsHash, ByteString computedHash)
            implements VerificationError {
        public String describe() {
            return "validator set given for height " + height + " hashes to " + Hex.upper(computedHash)
                    + ", the header's validators_hash is " + Hex.upper(headerValidatorsHash);
        }
    }

    /** Adjacent headers: the new header's validators are not the ones the trusted header announced. */
    record NextValidatorsMismatch(long trustedHeight, ByteString trustedNextValidatorsHash, ByteString untrustedValidatorsHash)
            implements VerificationError {
        public String describe() {
            return "header at height " + (trustedHeight + 1) + " has validators_hash " + Hex.upper(untrustedValidatorsHash)
                    + " but the trusted header at " + trustedHeight + " announced next_validators_hash "
                    + Hex.upper(trustedNextValidatorsHash);
        }
    }

    /** A precommit signature does not verify under its validator's key. */
    record InvalidSignature(long height, int index, ByteString validatorAddress) implements VerificationError {
        public String describe() {
            return "invalid precommit signature at height " + height + " from validator " + Hex.upper(validatorAddress)
                    + " (commit slot " + index + ")";
        }
    }

    /** The validators that signed the block hold too little of the set's power (more than 2/3 is needed). */
    record InsufficientVotingPower(long height, long signedPower, long totalPower) implements VerificationError {
        public String describe() {
            return "commit at height " + height + " is signed by " + signedPower + " of " + totalPower
                    + " voting power; more than 2/3 is needed";
        }
    }

    /**
     * Skipping verification: too little of the trusted validator set signed the new header to trust it
     * directly. Not an attack by itself: the light client then verifies an intermediate height (bisection).
     */
    record InsufficientTrustedPower(long trustedHeight, long height, long signedPower, long trustedTotalPower, TrustLevel trustLevel)
            implements VerificationError {
        public String describe() {
            return "validators trusted at height " + trustedHeight + " signed " + signedPower + " of their "
                    + trustedTotalPower + " voting power at height " + height + "; more than " + trustLevel + " is needed";
        }
    }

    /** The trusted header is older than the trusting period: it may no longer be relied on. */
    record TrustedStateExpired(long height, Instant headerTime, Instant expiredAt, Instant now) implements VerificationError {
        public String describe() {
            return "trusted header at height " + height + " (time " + headerTime + ") expired at " + expiredAt
                    + "; now is " + now + " — re-anchor the light client";
        }
    }

    /** The header's time is ahead of the verifier's clock by more than the allowed drift. */
    record HeaderFromFuture(long height, Instant headerTime, Instant now, Duration maxClockDrift) implements VerificationError {
        public String describe() {
            return "header at height " + height + " has time " + headerTime + ", beyond now " + now
                    + " + max clock drift " + maxClockDrift;
        }
    }

    /** Heights or times do not increase from the trusted header to the new one. */
    record NotMonotonic(long trustedHeight, long height, String what) implements VerificationError {
        public String describe() {
            return "header at height " + height + " does not follow the trusted header at " + trustedHeight + ": " + what;
        }
    }

    /** Backwards verification: the older header is not the one the trusted header's last_block_id names. */
    record HeaderNotLinked(long height, ByteString expectedHash, ByteString actualHash) implements VerificationError {
        public String describe() {
            return "header at height " + height + " hashes to " + Hex.upper(actualHash)
                    + " but the next trusted header's last_block_id is " + Hex.upper(expectedHash);
        }
    }

    /** A header field is malformed (a hash of the wrong length, a bad height, ...). */
    record MalformedHeader(long height, String reason) implements VerificationError {
        public String describe() {
            return "malformed header at height " + height + ": " + reason;
        }
    }

    /** The commit does not fit its header or validator set (height, slots, addresses, flags, double votes). */
    record MalformedCommit(long height, String reason) implements VerificationError {
        public String describe() {
            return "malformed commit at height " + height + ": " + reason;
        }
    }

    /** A validator entry is unusable (address not derived from its key, non-positive power, ...). */
    record MalformedValidatorSet(long height, String reason) implements VerificationError {
        public String describe() {
            return "malformed validator set at height " + height + ": " + reason;
        }
    }

    /** A transaction's inclusion proof does not lead to the verified header's data_hash. */
    record TxProofInvalid(long height, ByteString txHash, String reason) implements VerificationError {
        public String describe() {
            return "inclusion proof of tx " + Hex.upper(txHash) + " in block " + height + " is invalid: " + reason;
        }
    }

    /** A block's txs, as the node sent them, do not hash to the verified header's data_hash. */
    record BlockTxsInvalid(long height, int txCount, String reason) implements VerificationError {
        public String describe() {
            return "the " + txCount + " txs the node sent for block " + height + " are not that block's: " + reason;
        }
    }

    /** A state proof (abci_query prove=true) does not lead to the verified header's app_hash. */
    record StateProofInvalid(long height, String key, String reason) implements VerificationError {
        public String describe() {
            return "state proof for key " + key + " at height " + height + " is invalid: " + reason;
        }
    }
}
