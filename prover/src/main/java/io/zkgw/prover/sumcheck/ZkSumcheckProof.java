package io.zkgw.prover.sumcheck;

import io.zkgw.prover.codec.ByteReader;
import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
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
        SumcheckProof.writeBody(w, rounds, finalEvals);
        w.ext(maskValue);
        return w.toByteArray();
    }

    public static ZkSumcheckProof decode(byte[] bytes, List<SumcheckClaim> claims) throws DecodingException {
        ByteReader r = new ByteReader(bytes, "zero-knowledge sumcheck proof");
        r.expectVersion(VERSION);
        Ext2 maskSum = r.ext("mask sum");
        SumcheckProof body = SumcheckProof.readBody(r, claims);
        Ext2 maskValue = r.ext("mask value");
        r.expectEnd();
        return new ZkSumcheckProof(maskSum, body.rounds(), body.finalEvals(), maskValue);
    }
}
