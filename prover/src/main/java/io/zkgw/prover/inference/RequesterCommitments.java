package io.zkgw.prover.inference;

import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.hash.Sha256;
import io.zkgw.prover.pcs.tensor.TensorCommitment;
import io.zkgw.prover.pcs.tensor.TensorPcs;
import io.zkgw.prover.pcs.tensor.TensorProverData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * The requester's side: commitments C_x to its quantised input and C_r to its output mask, and the opening
 * (x and r themselves) it hands to the provider, who recomputes both commitments and compares
 * ({@link RequesterOpening#check}). Both polynomials are row-major, zero-padded to a power of two; x
 * entries are signed integers embedded in F_p, r entries are field elements (uniform for privacy of y
 * towards third parties who see z; the PCS itself is not hiding yet).
 */
public record RequesterCommitments(TensorCommitment input, TensorCommitment mask, RequesterOpening opening) {

    /** What the requester gives the provider: x (quantised, in the model's input range) and r. */
    public record RequesterOpening(long[] x, long[] r) {
        public RequesterOpening {
            x = x.clone();
            r = r.clone();
        }

        @Override
        public long[] x() {
            return x.clone();
        }

        @Override
        public long[] r() {
            return r.clone();
        }

        /** Provider side: recomputes both commitments and returns their prover data, or throws if they differ. */
        public TensorProverData[] check(CircuitDescription d, TensorCommitment cx, TensorCommitment cr) {
            TensorProverData[] data = commitData(d, x, r);
            if (!data[0].commitment().equals(cx)) {
                throw new IllegalArgumentException("the input does not match the requester's commitment C_x");
            }
            if (!data[1].commitment().equals(cr)) {
                throw new IllegalArgumentException("the mask does not match the requester's commitment C_r");
            }
            return data;
        }
    }

    /** Commits to x and a given mask r (canonical field elements, one per output element). */
    public static RequesterCommitments commit(CircuitDescription d, long[] x, long[] r) {
        TensorProverData[] data = commitData(d, x, r);
        return new RequesterCommitments(data[0].commitment(), data[1].commitment(), new RequesterOpening(x, r));
    }

    /** Same, with D taken from the integer model. */
    public static RequesterCommitments commit(io.zkgw.ir.IntModel model, long[] x, long[] r) {
        return commit(CircuitDescription.of(model), x, r);
    }

    /** Same, with D taken from the integer model. */
    public static RequesterCommitments commit(io.zkgw.ir.IntModel model, long[] x, byte[] seed) {
        return commit(CircuitDescription.of(model), x, seed);
    }

    /** Commits to x and a mask derived from a secret seed ({@link #maskFromSeed}). */
    public static RequesterCommitments commit(CircuitDescription d, long[] x, byte[] seed) {
        return commit(d, x, maskFromSeed(seed, d.outputSize()));
    }

    /**
     * A uniform mask from a secret seed: SHA-256(seed || "zkgw/mask" || u32 counter) blocks read as
     * little-endian u64 words, each accepted iff below p.
     */
    public static long[] maskFromSeed(byte[] seed, int n) {
        long[] r = new long[n];
        MessageDigest md = Sha256.newDigest();
        int counter = 0;
        int filled = 0;
        while (filled < n) {
            md.reset();
            md.update(seed);
            md.update("zkgw/mask".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(counter++).array());
            ByteBuffer b = ByteBuffer.wrap(md.digest()).order(ByteOrder.LITTLE_ENDIAN);
            while (b.remaining() >= 8 && filled < n) {
                long w = b.getLong();
                if (Goldilocks.isCanonical(w)) {
                    r[filled++] = w;
                }
            }
        }
        return r;
    }

    /** y = z − r read as signed integers: what the requester learns. */
    public static long[] unmask(long[] z, long[] r) {
        if (z.length != r.length) {
            throw new IllegalArgumentException("z and r differ in length");
        }
        long[] y = new long[z.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Goldilocks.toSigned(Goldilocks.sub(z[i], r[i]));
        }
        return y;
    }

    static long[] inputPolynomial(CircuitDescription d, long[] x) {
        if (x.length != d.inputSize()) {
            throw new IllegalArgumentException("input has " + x.length + " values; the model expects " + d.inputSize());
        }
        long[] p = new long[Fx.nextPow2(x.length)];
        for (int i = 0; i < x.length; i++) {
            if (x[i] < d.inLo() || x[i] > d.inHi()) {
                throw new IllegalArgumentException("input element " + i + " is outside [" + d.inLo() + "," + d.inHi() + "]");
            }
            p[i] = Goldilocks.fromSigned(x[i]);
        }
        return p;
    }

    static long[] maskPolynomial(CircuitDescription d, long[] r) {
        if (r.length != d.outputSize()) {
            throw new IllegalArgumentException("mask has " + r.length + " values; the model has " + d.outputSize() + " outputs");
        }
        if (!FieldVec.allCanonical(r)) {
            throw new IllegalArgumentException("mask entries must be canonical field elements");
        }
        return Arrays.copyOf(r, Fx.nextPow2(r.length));
    }

    private static TensorProverData[] commitData(CircuitDescription d, long[] x, long[] r) {
        TensorPcs pcs = TensorPcs.standard();
        return new TensorProverData[] {pcs.commit(List.of(inputPolynomial(d, x))), pcs.commit(List.of(maskPolynomial(d, r)))};
    }
}
