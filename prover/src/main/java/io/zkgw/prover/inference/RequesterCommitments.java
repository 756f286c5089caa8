package io.zkgw.prover.inference;

import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Sha256;
import io.zkgw.prover.pcs.tensor.TensorCommitment;
import io.zkgw.prover.pcs.tensor.TensorPcsProver;
import io.zkgw.prover.pcs.tensor.TensorProverData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.lang.ref.SoftReference;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The requester's side: commitments C_x to its quantised input and C_r to its output mask, and the opening
 * (x, r and the blinding seed) it hands to the provider, who recomputes both commitments and compares
 * ({@link RequesterOpening#check}). Both polynomials are row-major, zero-padded to a power of two; x
 * entries are signed integers embedded in F_p, r entries are field elements (uniform, so z = y + r hides y
 * from whoever sees z).
 *
 * <p>Both commitments are hiding (tensor PCS with padding, masks and salted leaves): a commitment to a
 * low-entropy input cannot be brute-forced. Their randomness comes from a 32-byte blinding seed, separate
 * for C_x and C_r by domain; {@link #commit(CircuitDescription, long[], byte[])} derives it from the
 * requester's secret seed (the same seed as the mask, another domain), the other constructors draw it
 * from {@link SecureRandom}. A commitment's masks protect one opening: the provider proves a request
 * once (a retry re-sends the same, deterministic proof bytes).
 *
 * <p>An object made by a {@code commit} factory also holds the prover's data of both commitments (encoded
 * rows, salts, trees), which the first proof of it takes instead of recomputing them: the provider's payload
 * check ({@code RequestEnvelope.open}) computes the commitments from the opening in this way, so the gateway's
 * proof no longer computes them a second time. Equality is that of the commitments and the opening.
 */
public final class RequesterCommitments {
    private final TensorCommitment input;
    private final TensorCommitment mask;
    private final RequesterOpening opening;
    /**
     * The prover's data of both commitments when this object was made by computing them from the opening (the
     * {@code commit} factories, which the provider's payload check calls): a proof takes it instead of recomputing
     * the 2 hiding commitments (for the gateway, the decrypt step's check is then the only recomputation). Taken
     * at most once, since a hiding commitment's masks protect one opening (a retried proof recomputes, and its
     * bytes are the same); held softly, so that memory pressure drops it rather than a job.
     */
    private final AtomicReference<HeldData> held;

    private record HeldData(Digest description, ProofMode mode, SoftReference<TensorProverData[]> data) {}

    /** The requester's commitments as they appear on the ledger, with the opening it claims for them (nothing recomputed). */
    public RequesterCommitments(TensorCommitment input, TensorCommitment mask, RequesterOpening opening) {
        this(input, mask, opening, null);
    }

    private RequesterCommitments(TensorCommitment input, TensorCommitment mask, RequesterOpening opening, HeldData held) {
        this.input = java.util.Objects.requireNonNull(input, "input");
        this.mask = java.util.Objects.requireNonNull(mask, "mask");
        this.opening = java.util.Objects.requireNonNull(opening, "opening");
        this.held = new AtomicReference<>(held);
    }

    /** C_x. */
    public TensorCommitment input() {
        return input;
    }

    /** C_r. */
    public TensorCommitment mask() {
        return mask;
    }

    public RequesterOpening opening() {
        return opening;
    }

    /**
     * The prover's data of C_x and C_r ({@link #INPUT}, {@link #MASK}) for D and mode: the data computed with
     * these commitments if it is still held and was made for the same D and mode (it is then handed out this
     * once), else recomputed from the opening. Unchecked: the caller compares it with {@link #input()} and
     * {@link #mask()} ({@link #requireMatch}).
     */
    TensorProverData[] takeProverData(CircuitDescription d, ProofMode mode) {
        HeldData h = held.getAndSet(null);
        if (h != null && h.mode() == mode && h.description().equals(d.hash())) {
            TensorProverData[] data = h.data().get();
            if (data != null) {
                return data;
            }
        }
        return opening.recompute(d, mode);
    }

    /** Whether a proof could still take the prover's data computed with these commitments (not yet taken, not dropped). */
    public boolean holdsProverData() {
        HeldData h = held.get();
        return h != null && h.data().get() != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequesterCommitments rc && input.equals(rc.input) && mask.equals(rc.mask) && opening.equals(rc.opening);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * input.hashCode() + mask.hashCode()) + opening.hashCode();
    }

    @Override
    public String toString() {
        return "RequesterCommitments[input=" + input + ", mask=" + mask + ", opening=" + opening + "]";
    }

    static final String INPUT_BLINDING = "zkgw/requester/input-blinding";
    static final String MASK_BLINDING = "zkgw/requester/mask-blinding";
    static final String BLINDING_FROM_SEED = "zkgw/requester/blinding";

    /** What the requester gives the provider: x (quantised, in the model's input range), r, and the blinding seed. */
    public record RequesterOpening(long[] x, long[] r, byte[] blinding) {
        public RequesterOpening {
            x = x.clone();
            r = r.clone();
            blinding = blinding.clone();
            if (blinding.length != 32) {
                throw new IllegalArgumentException("the blinding seed has 32 bytes, not " + blinding.length);
            }
        }

        @Override
        public long[] x() {
            return x.clone();
        }

        @Override
        public long[] r() {
            return r.clone();
        }

        @Override
        public byte[] blinding() {
            return blinding.clone();
        }

        /** Provider side: recomputes both commitments and returns their prover data, or throws if they differ. */
        public TensorProverData[] check(CircuitDescription d, TensorCommitment cx, TensorCommitment cr) {
            return check(d, cx, cr, ProofMode.ZERO_KNOWLEDGE);
        }

        TensorProverData[] check(CircuitDescription d, TensorCommitment cx, TensorCommitment cr, ProofMode mode) {
            TensorProverData[] data = recompute(d, mode);
            requireMatch(data, cx, cr);
            return data;
        }

        /** Both commitments recomputed from this opening ({@link #INPUT}, {@link #MASK}), unchecked. */
        TensorProverData[] recompute(CircuitDescription d, ProofMode mode) {
            return commitData(d, x, r, blinding, mode);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RequesterOpening ro && Arrays.equals(x, ro.x) && Arrays.equals(r, ro.r) && Arrays.equals(blinding, ro.blinding);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(x) + Arrays.hashCode(r)) + Arrays.hashCode(blinding);
        }

        @Override
        public String toString() {
            return "RequesterOpening[" + x.length + " inputs, " + r.length + " mask values]";
        }
    }

    /** Commits to x and a given mask r (canonical field elements, one per output element), with fresh random blinding. */
    public static RequesterCommitments commit(CircuitDescription d, long[] x, long[] r) {
        byte[] blinding = new byte[32];
        new SecureRandom().nextBytes(blinding);
        return commit(d, x, r, blinding, ProofMode.ZERO_KNOWLEDGE);
    }

    static RequesterCommitments commit(CircuitDescription d, long[] x, long[] r, byte[] blinding, ProofMode mode) {
        TensorProverData[] data = commitData(d, x, r, blinding, mode);
        return new RequesterCommitments(data[INPUT].commitment(), data[MASK].commitment(), new RequesterOpening(x, r, blinding),
                new HeldData(d.hash(), mode, new SoftReference<>(data)));
    }

    /** Same, with D taken from the integer model. */
    public static RequesterCommitments commit(io.zkgw.ir.IntModel model, long[] x, long[] r) {
        return commit(CircuitDescription.of(model), x, r);
    }

    /** Same, with D taken from the integer model. */
    public static RequesterCommitments commit(io.zkgw.ir.IntModel model, long[] x, byte[] seed) {
        return commit(CircuitDescription.of(model), x, seed);
    }

    /**
     * Commits to x and a mask derived from a secret seed ({@link #maskFromSeed}); the blinding seed is
     * SHA-256(u32 len || "zkgw/requester/blinding" || seed), so the seed alone recreates everything.
     */
    public static RequesterCommitments commit(CircuitDescription d, long[] x, byte[] seed) {
        return commit(d, x, seed, ProofMode.ZERO_KNOWLEDGE);
    }

    static RequesterCommitments commit(CircuitDescription d, long[] x, byte[] seed, ProofMode mode) {
        return commit(d, x, maskFromSeed(seed, d.outputSize()), CommittedModel.derive(BLINDING_FROM_SEED, seed, new byte[0]), mode);
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

    /**
     * The pad of the zero-knowledge format: C_x commits [x ; R_x] and C_r commits [r ; R_r] (one more, leading
     * variable), R uniform from the blinding seed, so the one value a proof opens, C(ρ_t, ρ) =
     * (1 − ρ_t)·x~(ρ) + ρ_t·R~(ρ), is uniform and reveals nothing about x (or r, hence y).
     */
    static long[] pad(String domain, byte[] blinding, int size) {
        return new io.zkgw.prover.hash.Sha256Prg(domain, CommittedModel.derive(domain, blinding, new byte[0])).nextFields(size);
    }

    static long[] padded(long[] poly, long[] pad) {
        long[] out = Arrays.copyOf(poly, 2 * poly.length);
        System.arraycopy(pad, 0, out, poly.length, pad.length);
        return out;
    }

    /** R_x of the zero-knowledge format. */
    static long[] inputPad(CircuitDescription d, byte[] blinding) {
        return pad(INPUT_PAD, blinding, Fx.nextPow2(d.inputSize()));
    }

    /** R_r of the zero-knowledge format. */
    static long[] maskPad(CircuitDescription d, byte[] blinding) {
        return pad(MASK_PAD, blinding, Fx.nextPow2(d.outputSize()));
    }

    static final String INPUT_PAD = "zkgw/requester/input-pad";
    static final String MASK_PAD = "zkgw/requester/mask-pad";

    /** Index of C_x and of C_r in the pairs {@link RequesterOpening#check} returns. */
    static final int INPUT = 0;
    static final int MASK = 1;

    /** C_x and C_r, the two independent commitments made side by side (C_r on another worker). */
    private static TensorProverData[] commitData(CircuitDescription d, long[] x, long[] r, byte[] blinding, ProofMode mode) {
        ForkJoinTask<TensorProverData> mask = ForkJoinTask.adapt(() -> {
            long[] rp = maskPolynomial(d, r);
            return new TensorPcsProver(mode.pcsParams).commit(List.of(mode.zk ? padded(rp, maskPad(d, blinding)) : rp), CommittedModel.derive(MASK_BLINDING, blinding, new byte[0]));
        }).fork();
        long[] xp = inputPolynomial(d, x);
        TensorProverData input = new TensorPcsProver(mode.pcsParams).commit(List.of(mode.zk ? padded(xp, inputPad(d, blinding)) : xp),
                CommittedModel.derive(INPUT_BLINDING, blinding, new byte[0]));
        return new TensorProverData[] {input, mask.join()};
    }

    /** Throws, naming the commitment (C_x first), unless the recomputed pair is the requester's. */
    static void requireMatch(TensorProverData[] recomputed, TensorCommitment cx, TensorCommitment cr) {
        if (!recomputed[INPUT].commitment().equals(cx)) {
            throw new IllegalArgumentException("the input does not match the requester's commitment C_x");
        }
        if (!recomputed[MASK].commitment().equals(cr)) {
            throw new IllegalArgumentException("the mask does not match the requester's commitment C_r");
        }
    }
}
