package io.zkgw.chainclient.types;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;

/** A validator set in CometBFT's order (by voting power, then address), which the set hash depends on. */
public record ValidatorSet(List<Validator> validators) {
    public ValidatorSet {
        validators = List.copyOf(validators);
    }

    /** The Merkle root over the validators' encodings (see {@link CanonicalEncoding#validatorSetHash}). */
    public ByteString hash() {
        return CanonicalEncoding.validatorSetHash(this);
    }

    /** The sum of the voting powers; ArithmeticException on overflow (a malformed set). */
    public long totalVotingPower() {
        long sum = 0;
        for (Validator v : validators) {
            sum = Math.addExact(sum, v.votingPower());
        }
        return sum;
    }

    public int size() {
        return validators.size();
    }

    /** The index of the validator with this address, if any. */
    public Optional<Integer> indexOf(ByteString address) {
        for (int i = 0; i < validators.size(); i++) {
            if (validators.get(i).address().equals(address)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
