package io.zkgw.prover.inference;

import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.pcs.tensor.TensorOpeningProof;
import io.zkgw.prover.sumcheck.SumcheckProof;
import io.zkgw.prover.transcript.Transcript;

/**
 * Prover side of the proof stream: every message is written to the proof and absorbed into the
 * transcript under its label (sumcheck and PCS messages are absorbed by those protocols themselves).
 */
final class ProofSink {
    private final ByteWriter out;
    private final Transcript transcript;
    /**
     * Whether the prover checks its own work (relations, ranges) and fails early with a clear message.
     * Off only in tests that make a cheating prover, to see the verifier catch what the checks would.
     */
    final boolean selfCheck;

    /** The zero-knowledge side of the proof (mask pool, pool claims); null in the plain format. */
    Zk zk;

    ProofSink(Transcript transcript, boolean selfCheck) {
        this(transcript, selfCheck, 1 << 14);
    }

    /**
     * With room for {@code capacity} bytes from the start: a proof of a few MB grown by doubling from a small buffer
     * allocates and copies about twice its size, which at B = 64 was a few per cent of a small model's proving time.
     */
    ProofSink(Transcript transcript, boolean selfCheck, int capacity) {
        this.out = new ByteWriter(capacity);
        this.transcript = transcript;
        this.selfCheck = selfCheck;
    }

    /**
     * Sends a value the verifier uses linearly: in the zero-knowledge format v + m with a fresh pool mask m
     * (the verifier's value then has the unknown part −m), else v itself.
     */
    MVal masked(String label, Ext2 v) {
        if (zk == null) {
            ext(label, v);
            return MVal.of(v);
        }
        int idx = zk.take(2);
        Ext2 sent = v.add(zk.mask(idx));
        ext(label, sent);
        return new MVal(sent, LinForm.mask(idx, Ext2.ONE.neg()));
    }

    /** Raw, not absorbed (protocols that absorb themselves). */
    void rawExts(ExtVector v) {
        out.exts(v);
    }

    void rawExt(Ext2 v) {
        out.ext(v);
    }

    void u8Absorbed(String label, int v) {
        out.u8(v);
        transcript.absorbU64(label, v);
    }

    Transcript transcript() {
        return transcript;
    }

    void u8(int v) {
        out.u8(v);
    }

    void u64(String label, long v) {
        out.u64(v);
        transcript.absorbU64(label, v);
    }

    void digest(String label, Digest d) {
        out.digest(d);
        transcript.absorbDigest(label, d);
    }

    void ext(String label, Ext2 v) {
        out.ext(v);
        transcript.absorbExt(label, v);
    }

    void exts(String label, ExtVector v) {
        out.exts(v);
        transcript.absorbExts(label, v);
    }

    /** Rounds then final evaluations, without absorbing (the sumcheck prover already did). */
    void sumcheck(SumcheckProof proof) {
        for (ExtVector r : proof.rounds()) {
            out.exts(r);
        }
        for (ExtVector f : proof.finalEvals()) {
            out.exts(f);
        }
    }

    /**
     * A length-prefixed encoded PCS opening, absorbed by its own protocol: its encoding written in place (a batch's
     * joint C_x opening is most of a large proof's bytes, so it is not built apart and copied in).
     */
    void blob(TensorOpeningProof p) {
        int n = p.encodedLength();
        out.u32(n);
        int at = out.length();
        p.writeTo(out);
        if (out.length() - at != n) {
            throw new IllegalStateException("opening proof wrote " + (out.length() - at) + " bytes, announced " + n);
        }
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
