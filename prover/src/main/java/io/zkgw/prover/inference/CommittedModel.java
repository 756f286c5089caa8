package io.zkgw.prover.inference;

import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import io.zkgw.prover.pcs.tensor.TensorPcsProver;
import io.zkgw.prover.pcs.tensor.TensorProverData;
import java.security.SecureRandom;
import java.util.List;

/**
 * The provider's side of a model commitment: the integer model, its description D, the weight
 * polynomial in proof layout and the PCS prover data, kept to open C_W in every proof, and the provider's
 * secret blinding key. C_W is a hiding commitment whose randomness comes from that key; every proof's own
 * blinding (witness commitment, fresh weight masks) is derived from the key and the proof's statement, so
 * proving the same statement with the same seed twice gives the same bytes and reveals nothing new.
 */
public final class CommittedModel {
    private static final int KEY_BYTES = 32;
    /** {@link ModelCommitment#DEFAULT_PROOF_BUDGET}. */
    public static final int DEFAULT_PROOF_BUDGET = ModelCommitment.DEFAULT_PROOF_BUDGET;

    private final IntModel model;
    private final CircuitDescription description;
    private final long[][] segments;
    private final long[] blindingSlots;
    private final TensorProverData data;
    private final ModelCommitment commitment;
    private final byte[] blindingKey;
    private final ProofMode mode;
    /** Compiled circuits per batch size: a function of D and B only, the same for every proof (compile tries every limb width). */
    private final java.util.concurrent.ConcurrentHashMap<Integer, Circuit> circuits = new java.util.concurrent.ConcurrentHashMap<>();

    private CommittedModel(IntModel model, CircuitDescription description, long[][] segments, long[] blindingSlots, TensorProverData data,
            byte[] blindingKey, ProofMode mode, int budget) {
        this.model = model;
        this.description = description;
        this.segments = segments;
        this.blindingSlots = blindingSlots;
        this.data = data;
        this.blindingKey = blindingKey;
        this.mode = mode;
        this.commitment = new ModelCommitment(data.commitment(), description.hash(), budget);
    }

    /** Lays the weights out as D prescribes and commits to them, with a fresh random blinding key. */
    public static CommittedModel commit(IntModel model) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return commit(model, key);
    }

    /**
     * The same with a given secret blinding key (≥ 16 bytes, ≥ 128 bits of entropy): deterministic, so a
     * provider that keeps the key can rebuild the same C_W after a restart. The key must stay secret: with it
     * the weights could be brute-forced from C_W.
     */
    public static CommittedModel commit(IntModel model, byte[] blindingKey) {
        return commit(model, blindingKey, DEFAULT_PROOF_BUDGET);
    }

    /**
     * With a proof budget K (1..{@link ModelCommitment#MAX_PROOF_BUDGET}): C_W stays hidden over K proofs and the model commitment records K; a
     * ledger accepts at most K proofs against it, and the provider re-commits (another key) when they are
     * spent. Larger K costs ≈ 32·180·K bytes per proof (the weight opening's rows) and a wider C_W.
     */
    public static CommittedModel commit(IntModel model, byte[] blindingKey, int proofBudget) {
        return commit(model, blindingKey, ProofMode.ZERO_KNOWLEDGE, proofBudget);
    }

    static CommittedModel commit(IntModel model, byte[] blindingKey, ProofMode mode) {
        return commit(model, blindingKey, mode, DEFAULT_PROOF_BUDGET);
    }

    static CommittedModel commit(IntModel model, byte[] blindingKey, ProofMode mode, int proofBudget) {
        if (blindingKey.length < 16) {
            throw new IllegalArgumentException("a blinding key needs at least 16 bytes");
        }
        int budget = mode.zk ? proofBudget : 1;
        CircuitDescription d = CircuitDescription.of(model);
        Circuit c = new Circuit(d, 1, Circuit.MAX_LIMB_BITS);
        long[][] segs = segments(model, c);
        byte[] key = blindingKey.clone();
        long[] slots = null;
        long[] poly;
        if (c.weightLayout() == null) {
            poly = new long[1];
        } else if (mode.zk) {
            slots = new io.zkgw.prover.hash.Sha256Prg("zkgw/model/weight-slots", derive("zkgw/model/weight-slots", key, new byte[0]))
                    .nextFields(1 << Zk.blindingVars(budget));
            poly = Zk.weightLayout(c, budget).assemble(withSlots(segs, slots));
        } else {
            poly = c.weightLayout().assemble(segs);
        }
        TensorPcsProver pcs = new TensorPcsProver(mode.weightParams(budget));
        TensorProverData data = mode.hiding() ? pcs.commitReusable(List.of(poly), derive("zkgw/model/weights-blinding", key, new byte[0]))
                : pcs.commit(List.of(poly), (byte[]) null);
        return new CommittedModel(model, d, segs, slots, data, key, mode, budget);
    }

    static long[][] withSlots(long[][] segs, long[] slots) {
        long[][] all = java.util.Arrays.copyOf(segs, segs.length + 1);
        all[segs.length] = slots;
        return all;
    }

    /** The weight polynomial as committed (zero-knowledge format: with the blinding slots). */
    long[] weightPolynomial(Circuit c) {
        return blindingSlots == null ? c.weightLayout().assemble(segments)
                : Zk.weightLayout(c, commitment.proofBudget()).assemble(withSlots(segments, blindingSlots));
    }

    /** The circuit of D for a batch of B requests, compiled once per model and B. */
    Circuit circuit(int batch) {
        return circuits.computeIfAbsent(batch, b -> Circuit.compile(description, b));
    }

    public int proofBudget() {
        return commitment.proofBudget();
    }

    /** SHA-256(u32 len(domain) || domain || key || context): a 32-byte blinding seed for one use of the key. */
    static byte[] derive(String domain, byte[] key, byte[] context) {
        java.security.MessageDigest md = io.zkgw.prover.hash.Sha256.newDigest();
        byte[] d = domain.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        md.update(new byte[] {(byte) d.length, (byte) (d.length >>> 8), (byte) (d.length >>> 16), (byte) (d.length >>> 24)});
        md.update(d);
        md.update(key);
        md.update(context);
        return md.digest();
    }

    /** The blinding seed of one proof's commitment (witness, weight masks), bound to the proof's statement. */
    byte[] proofBlinding(String what, byte[] statementDigest) {
        return derive("zkgw/prover/" + what, blindingKey, statementDigest);
    }

    /**
     * The epoch link from this commitment to {@code next}, a commitment of the same model (same D and proof
     * budget, another key): a zero-knowledge proof that next's C_W holds the same weights ({@link EpochLink}).
     * Deterministic, so publishing it again after a crash reveals nothing new.
     */
    public byte[] linkTo(CommittedModel next) {
        if (!java.util.Arrays.deepEquals(segments, next.segments)) {
            throw new IllegalArgumentException("the next epoch commits to other weights; no link can prove them equal");
        }
        return EpochLinkProver.prove(this, next);
    }

    byte[] blindingKey() {
        return blindingKey;
    }

    ProofMode mode() {
        return mode;
    }

    /** Every weight segment (W* and b per linear layer, in op order) in proof layout. */
    static long[][] segments(IntModel model, Circuit c) {
        long[][] segs = new long[c.weightSegs().size()][];
        int g = 0;
        for (int i = 0; i < model.ops().size(); i++) {
            IntOp op = model.ops().get(i);
            if (op instanceof IntOp.Dense dense) {
                ((DenseGadget) gadgetFor(c, i)).weightTables(dense, segs);
            } else if (op instanceof IntOp.Conv conv) {
                ((ConvGadget) gadgetFor(c, i)).weightTables(conv, segs);
            }
        }
        return segs;
    }

    private static Gadget gadgetFor(Circuit c, int op) {
        for (Gadget g : c.gadgets()) {
            if (g instanceof DenseGadget d && d.opIndex == op || g instanceof ConvGadget v && v.opIndex == op) {
                return g;
            }
        }
        throw new IllegalStateException("no gadget for op " + op);
    }

    public IntModel model() {
        return model;
    }

    public CircuitDescription description() {
        return description;
    }

    public ModelCommitment commitment() {
        return commitment;
    }

    TensorProverData data() {
        return data;
    }

    long[][] segments() {
        return segments;
    }
}
