package io.zkgw.chainclient.it;

import com.google.protobuf.ByteString;
import io.zkgw.chainclient.types.CommitSig;
import io.zkgw.chainclient.types.LightBlock;
import io.zkgw.chainclient.types.Validator;
import io.zkgw.chainclient.types.ValidatorSet;
import java.util.ArrayList;
import java.util.List;

/** Deliberately corrupted copies of real light blocks. */
final class Corrupt {
    private Corrupt() {}

    static ByteString flipByte(ByteString b, int i) {
        byte[] a = b.toByteArray();
        a[i] ^= 0x01;
        return ByteString.copyFrom(a);
    }

    /** The signature in {@code slot} with one bit flipped. */
    static LightBlock flipSignature(LightBlock b, int slot) {
        List<CommitSig> sigs = new ArrayList<>(b.commit().signatures());
        sigs.set(slot, sigs.get(slot).withSignature(flipByte(sigs.get(slot).signature(), 7)));
        return b.withCommit(b.commit().withSignatures(sigs));
    }

    /** Keeps only the first {@code keep} COMMIT signatures; the others become absent slots. */
    static LightBlock keepSignatures(LightBlock b, int keep) {
        List<CommitSig> sigs = new ArrayList<>();
        int kept = 0;
        for (CommitSig s : b.commit().signatures()) {
            if (s.flag() == CommitSig.BlockIdFlag.COMMIT && kept < keep) {
                sigs.add(s);
                kept++;
            } else {
                sigs.add(CommitSig.absent());
            }
        }
        return b.withCommit(b.commit().withSignatures(sigs));
    }

    /** The validator set with validator {@code i}'s power changed. */
    static LightBlock changePower(LightBlock b, int i) {
        List<Validator> vals = new ArrayList<>(b.validators().validators());
        vals.set(i, vals.get(i).withVotingPower(vals.get(i).votingPower() + 1));
        return b.withValidators(new ValidatorSet(vals));
    }

    static int commitCount(LightBlock b) {
        int n = 0;
        for (CommitSig s : b.commit().signatures()) {
            if (s.flag() == CommitSig.BlockIdFlag.COMMIT) {
                n++;
            }
        }
        return n;
    }
}
