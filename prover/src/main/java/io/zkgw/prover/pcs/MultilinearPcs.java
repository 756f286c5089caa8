package io.zkgw.prover.pcs;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.transcript.Transcript;
import java.util.List;

/**
 * A polynomial commitment scheme for multilinear polynomials over Goldilocks, with batch openings:
 * several polynomials (of possibly different sizes) under one commitment, opened at several Ext2
 * points with one proof.
 *
 * <p>Tables use the big-endian variable order of {@link io.zkgw.prover.poly.Mle}. The verifier learns the
 * number of variables of every committed polynomial from public data (the circuit description), never
 * from the commitment or the proof.
 *
 * <p>Transcript discipline: {@code open} and {@code verify} absorb the commitment and the claims
 * themselves, so a caller only has to run them at the same point of the same transcript.
 *
 * @param <C> commitment (wire type)
 * @param <D> prover data kept between commit and open (never sent)
 * @param <P> opening proof (wire type)
 */
public interface MultilinearPcs<C, D, P> {
    /** Commits to the given evaluation tables (lengths powers of two). The tables are copied. */
    D commit(List<long[]> polys);

    /** The commitment held by prover data. */
    C commitment(D data);

    /** Proves all claims at once. Claims are not checked: a false claim yields a rejected proof. */
    P open(D data, List<EvalClaim> claims, Transcript transcript);

    /** Accepts or throws. numVars lists the committed polynomials' sizes, from public parameters. */
    void verify(C commitment, List<Integer> numVars, List<EvalClaim> claims, P proof, Transcript transcript)
            throws VerificationException;

    byte[] encodeCommitment(C commitment);

    C decodeCommitment(byte[] bytes) throws VerificationException;

    byte[] encodeProof(P proof);

    /**
     * Decodes and verifies an encoded proof: the shape of the proof (including sizes that depend on
     * the verifier's own challenges) is derived by the verifier, never read from the bytes.
     */
    void verifyEncoded(C commitment, List<Integer> numVars, List<EvalClaim> claims, byte[] proof, Transcript transcript)
            throws VerificationException;
}
