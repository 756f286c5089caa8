package io.zkgw.prover.inference;

import io.zkgw.prover.codec.ByteReader;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.sumcheck.SumcheckClaim;
import io.zkgw.prover.sumcheck.SumcheckProof;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verifier side of the proof stream: reads each message with the shape the verifier derived from D
 * (never from the proof), rejecting non-canonical field elements, and absorbs it like the prover did.
 */
final class ProofSource {
    private final ByteReader in;
    private final byte[] bytes;
    private final Transcript transcript;

    ProofSource(byte[] bytes, Transcript transcript) {
        this.bytes = bytes;
        this.in = new ByteReader(bytes, "inference proof");
        this.transcript = transcript;
    }

    /** The zero-knowledge side of the proof; null in the plain format. */
    Zk zk;

    Transcript transcript() {
        return transcript;
    }

    /** The verifier's side of {@link ProofSink#masked}. */
    MVal masked(String label) throws DecodingException {
        Ext2 v = ext(label);
        if (zk == null) {
            return MVal.of(v);
        }
        int idx = zk.take(2);
        return new MVal(v, LinForm.mask(idx, Ext2.ONE.neg()));
    }

    /** Raw K-vector, not absorbed. */
    ExtVector rawExts(String label, int count) throws DecodingException {
        return in.extVector(count, label);
    }

    int u8Absorbed(String label) throws DecodingException {
        int v = in.u8(label);
        transcript.absorbU64(label, v);
        return v;
    }

    void expectVersion(int version) throws DecodingException {
        in.expectVersion(version);
    }

    long u64(String label) throws DecodingException {
        long v = in.u64(label);
        transcript.absorbU64(label, v);
        return v;
    }

    Digest digest(String label) throws DecodingException {
        Digest d = in.digest(label);
        transcript.absorbDigest(label, d);
        return d;
    }

    /** Test hook: when set on the verifying thread, sees every single value the prover sent, with its label. */
    static final ThreadLocal<java.util.function.BiConsumer<String, Ext2>> VALUE_TAP = new ThreadLocal<>();

    Ext2 ext(String label) throws DecodingException {
        Ext2 v = in.ext(label);
        transcript.absorbExt(label, v);
        var tap = VALUE_TAP.get();
        if (tap != null) {
            tap.accept(label, v);
        }
        return v;
    }

    ExtVector exts(String label, int count) throws DecodingException {
        ExtVector v = in.extVector(count, label);
        transcript.absorbExts(label, v);
        return v;
    }

    /** A sumcheck proof whose shape follows from the public claims. */
    SumcheckProof sumcheck(String what, List<SumcheckClaim> claims) throws DecodingException {
        int n = SumcheckProof.numRounds(claims);
        int d = SumcheckProof.valuesPerRound(claims);
        List<ExtVector> rounds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rounds.add(in.extVector(d, what + " round " + i));
        }
        List<ExtVector> finals = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            finals.add(in.extVector(claims.get(i).form().numPolys(), what + " final evaluations " + i));
        }
        return new SumcheckProof(rounds, finals);
    }

    byte[] blob(String what) throws DecodingException {
        int len = in.u32(what + " length");
        if (len < 0 || len > in.remaining()) {
            throw new DecodingException("inference proof: " + what + " length " + Integer.toUnsignedString(len)
                    + " exceeds the " + in.remaining() + " remaining bytes");
        }
        int at = in.position();
        for (int i = 0; i < len / 8; i++) {
            in.u64(what);
        }
        for (int i = 0; i < len % 8; i++) {
            in.u8(what);
        }
        return Arrays.copyOfRange(bytes, at, at + len);
    }

    void expectEnd() throws DecodingException {
        in.expectEnd();
    }
}
