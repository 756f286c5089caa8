package io.zkgw.prover.sumcheck;

import io.zkgw.prover.codec.ByteReader;
import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import java.util.ArrayList;
import java.util.List;

/**
 * A zero-knowledge (masked) batched sumcheck proof ({@link ZkSumcheckVerifier}).
 *
 * <p>Wire format (version 2): {@code u8 version = 2 || maskSum (Ext2) || rounds (n·D Ext2) ||
 * finalEvals (Σ m_i Ext2) || maskValue (Ext2)}; n, D, m_i come from the public claims.
 */
public record ZkSumcheckProof(Ext2 maskSum, List<ExtVector> rounds, List<ExtVector> finalEvals, Ext2 maskValue) {
    public static final int VERSION = 2;

    public ZkSumcheckProof {
        rounds = List.copyOf(rounds);
        finalEvals = List.copyOf(finalEvals);
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter();
        w.u8(VERSION).ext(maskSum);
        for (ExtVector r : rounds) {
            w.exts(r);
        }
        for (ExtVector f : finalEvals) {
            w.exts(f);
        }
        w.ext(maskValue);
        return w.toByteArray();
    }

    public static ZkSumcheckProof decode(byte[] bytes, List<SumcheckClaim> claims) throws DecodingException {
        ByteReader r = new ByteReader(bytes, "zero-knowledge sumcheck proof");
        r.expectVersion(VERSION);
        Ext2 maskSum = r.ext("mask sum");
        int n = SumcheckProof.numRounds(claims);
        int d = SumcheckProof.valuesPerRound(claims);
        List<ExtVector> rounds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rounds.add(r.extVector(d, "round polynomial " + i));
        }
        List<ExtVector> finals = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            finals.add(r.extVector(claims.get(i).form().numPolys(), "final evaluations of instance " + i));
        }
        Ext2 maskValue = r.ext("mask value");
        r.expectEnd();
        return new ZkSumcheckProof(maskSum, rounds, finals, maskValue);
    }
}
