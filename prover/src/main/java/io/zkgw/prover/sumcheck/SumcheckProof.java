package io.zkgw.prover.sumcheck;

import io.zkgw.prover.codec.ByteReader;
import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.field.ExtVector;
import java.util.ArrayList;
import java.util.List;

/**
 * A (batched) sumcheck proof.
 *
 * @param rounds     one vector per round: the round polynomial's values at 0, 2, 3, .., D (the value at
 *                   1 is implied by the running claim: s(1) = claim - s(0))
 * @param finalEvals per instance, the prover's claimed values P_k(point) of its polynomials
 *
 * <p>Wire format (version 1): {@code u8 version || rounds (n·D Ext2) || finalEvals (Σ m_i Ext2)}, each
 * Ext2 as two 8-byte little-endian canonical words. n, D and m_i come from the public claims only.
 */
public record SumcheckProof(List<ExtVector> rounds, List<ExtVector> finalEvals) {
    public static final int VERSION = 1;

    public SumcheckProof {
        rounds = List.copyOf(rounds);
        finalEvals = List.copyOf(finalEvals);
    }

    /** Number of rounds: the largest numVars among the claims. */
    public static int numRounds(List<SumcheckClaim> claims) {
        int n = 0;
        for (SumcheckClaim c : claims) {
            n = Math.max(n, c.numVars());
        }
        return n;
    }

    /** Evaluations per round: D = max(1, largest degree). */
    public static int valuesPerRound(List<SumcheckClaim> claims) {
        int d = 1;
        for (SumcheckClaim c : claims) {
            d = Math.max(d, c.form().degree());
        }
        return d;
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter();
        w.u8(VERSION);
        writeBody(w, rounds, finalEvals);
        return w.toByteArray();
    }

    /** Decodes a proof whose shape is derived from the public claims. */
    public static SumcheckProof decode(byte[] bytes, List<SumcheckClaim> claims) throws DecodingException {
        ByteReader r = new ByteReader(bytes, "sumcheck proof");
        r.expectVersion(VERSION);
        SumcheckProof p = readBody(r, claims);
        r.expectEnd();
        return p;
    }

    /** Rounds then final evaluations: the part of the wire format the plain and the masked proof share. */
    static void writeBody(ByteWriter w, List<ExtVector> rounds, List<ExtVector> finalEvals) {
        for (ExtVector r : rounds) {
            w.exts(r);
        }
        for (ExtVector f : finalEvals) {
            w.exts(f);
        }
    }

    /** Reads {@link #writeBody}'s part, its shape (n rounds of D values, m_i finals) from the claims. */
    static SumcheckProof readBody(ByteReader r, List<SumcheckClaim> claims) throws DecodingException {
        int n = numRounds(claims);
        int d = valuesPerRound(claims);
        List<ExtVector> rounds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rounds.add(r.extVector(d, "round polynomial " + i));
        }
        List<ExtVector> finals = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            finals.add(r.extVector(claims.get(i).form().numPolys(), "final evaluations of instance " + i));
        }
        return new SumcheckProof(rounds, finals);
    }
}
