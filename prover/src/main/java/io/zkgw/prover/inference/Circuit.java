package io.zkgw.prover.inference;

import io.zkgw.ir.IntOp;
import io.zkgw.ir.Shapes;
import io.zkgw.prover.field.Goldilocks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The proof plan of a circuit description D for a batch of B inputs, derived from D alone so that prover
 * and verifier compute the same thing: the layout of every activation, the committed witness tensors
 * and their places in the witness polynomial, the weight layout, every zero-check and lookup, and the
 * gadgets that prove each op. Also fixes the limb width c of the range checks (table {0..2^c − 1}),
 * chosen deterministically from D to minimise the committed size.
 */
final class Circuit {
    static final int MIN_LIMB_BITS = 4;
    static final int MAX_LIMB_BITS = 16;
    /** Largest batch one proof covers. */
    static final int MAX_BATCH = 1 << 12;

    /**
     * An activation tensor: its logical shape, and where each logical (flat, row-major) element lives in
     * the hypercube of one batch item (pos), inside committed witness tensor {@code tensor} whose
     * variables are (batch, item).
     */
    static final class Act {
        final int[] shape;
        final int size;
        final int vars;
        final int[] pos;
        final int tensor;

        Act(int[] shape, int vars, int[] pos, int tensor) {
            this.shape = shape.clone();
            this.size = Shapes.size(shape);
            this.vars = vars;
            this.pos = pos;
            this.tensor = tensor;
        }

        Act reshaped(int[] to) {
            return new Act(to, vars, pos, tensor);
        }

        static int[] identity(int n) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            return p;
        }
    }

    /**
     * A witness tensor. Committed ones are segments of the witness polynomial; a virtual one (the
     * accumulator of a linear op read only by the Requant or Clamp right after it) is never committed:
     * the zero-check of that Requant ends in a claim on it, which the linear op's sumcheck reduces further.
     */
    record TensorSpec(String name, int numVars, boolean committed) {}

    /** A looked-up column: expr evaluated at every point of a hypercube of numVars variables. */
    record LookupSeg(String name, int numVars, Affine expr) {}

    /** Limb tensors of a range check on an expression of other tensors: filled generically by the prover. */
    record LimbFill(String name, Affine expr, int bits, int[] limbs) {}

    record WeightSeg(String name, int numVars) {}

    private final CircuitDescription d;
    private final int batch;
    private final int batchVars;
    private final int limbBits;
    private final List<TensorSpec> tensors = new ArrayList<>();
    private final List<LookupSeg> lookups = new ArrayList<>();
    private final List<LimbFill> limbFills = new ArrayList<>();
    private final List<ZeroCheck> zeroChecks = new ArrayList<>();
    private final List<Gadget> gadgets = new ArrayList<>();
    private final List<WeightSeg> weightSegs = new ArrayList<>();
    private final List<Act> acts = new ArrayList<>();
    private final int inputTensor;
    private final int multTensor;
    private final PolyLayout witnessLayout;
    /** Witness-polynomial segment of each tensor, −1 for a virtual tensor. */
    private final int[] segmentOf;
    private final PolyLayout weightLayout;
    private final PolyLayout lookupLayout;
    private final int lookupVars;
    private final long cost;
    private final long tieBreak;
    private boolean building = true;

    /** The plan for D and a batch of B, with the limb width that minimises the committed size. */
    static Circuit compile(CircuitDescription d, int batch) {
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException("batch size " + batch + " outside [1, " + MAX_BATCH + "]");
        }
        Circuit best = null;
        for (int c = MIN_LIMB_BITS; c <= MAX_LIMB_BITS; c++) {
            Circuit k = new Circuit(d, batch, c);
            if (best == null || k.cost < best.cost || k.cost == best.cost && k.tieBreak < best.tieBreak) {
                best = k;
            }
        }
        return best;
    }

    Circuit(CircuitDescription d, int batch, int limbBits) {
        this.d = d;
        this.batch = batch;
        this.batchVars = Fx.log2Ceil(batch);
        this.limbBits = limbBits;
        if (d.inLo() > 0 || d.inHi() < 0) {
            throw new IllegalArgumentException("input range [" + d.inLo() + "," + d.inHi() + "] must contain 0 (padding)");
        }
        int inSize = d.inputSize();
        int inVars = Fx.log2Ceil(inSize);
        inputTensor = tensor("input", batchVars + inVars);
        Act input = new Act(d.inputShape(), inVars, Act.identity(inSize), inputTensor);
        acts.add(input);
        ZeroCheck inputTies = zeroCheck("input range", batchVars + inVars);
        interval("input", batchVars + inVars, Affine.of(inputTensor), d.inLo(), d.inHi(), inputTies);

        List<CircuitDescription.Op> ops = d.ops();
        for (int i = 0; i < ops.size(); i++) {
            CircuitDescription.Op op = ops.get(i);
            // the output of a linear op read only by the Requant/Clamp right after it stays virtual
            boolean chained = i + 1 < ops.size() && ops.get(i + 1) instanceof CircuitDescription.Fixed next
                    && (next.op() instanceof IntOp.Requant || next.op() instanceof IntOp.Clamp);
            Act in = acts.get(i);
            long[] inRange = d.inputRange(i);
            String name = "op " + i;
            Act out = switch (op) {
                case CircuitDescription.Dense dense -> {
                    DenseGadget g = new DenseGadget(this, name + " (Dense)", i, dense, in, chained);
                    gadgets.add(g);
                    yield g.out;
                }
                case CircuitDescription.Conv conv -> {
                    ConvGadget g = new ConvGadget(this, name + " (Conv)", i, conv, in, chained);
                    gadgets.add(g);
                    yield g.out;
                }
                case CircuitDescription.Fixed f -> switch (f.op()) {
                    case IntOp.SumPool p -> {
                        SumPoolGadget g = SumPoolGadget.window(this, name + " (SumPool)", i, p.win(), in, chained);
                        gadgets.add(g);
                        yield g.out;
                    }
                    case IntOp.GlobalSumPool p -> {
                        SumPoolGadget g = SumPoolGadget.global(this, name + " (GlobalSumPool)", i, p, in, chained);
                        gadgets.add(g);
                        yield g.out;
                    }
                    case IntOp.MaxPool p -> {
                        MaxPoolGadget g = new MaxPoolGadget(this, name + " (MaxPool)", i, p.win(), in, inRange);
                        gadgets.add(g);
                        yield g.out;
                    }
                    case IntOp.Requant r -> {
                        RequantGadget g = RequantGadget.requant(this, name + " (Requant)", i, r, in, inRange);
                        gadgets.add(g);
                        yield g.out;
                    }
                    case IntOp.Clamp c -> {
                        RequantGadget g = RequantGadget.clamp(this, name + " (Clamp)", i, c, in, inRange);
                        gadgets.add(g);
                        yield g.out;
                    }
                    case IntOp.Reshape r -> in.reshaped(r.to());
                    case IntOp.Dense x -> throw new IllegalStateException();
                    case IntOp.Conv x -> throw new IllegalStateException();
                };
            };
            acts.add(out);
        }
        if (lookups.isEmpty()) {
            multTensor = -1;
            lookupLayout = null;
            lookupVars = 0;
        } else {
            multTensor = tensor("multiplicities", limbBits);
            lookupLayout = PolyLayout.of(lookups.stream().mapToInt(LookupSeg::numVars).toArray());
            lookupVars = Math.max(1, lookupLayout.totalVars());
        }
        zeroChecks.removeIf(z -> z.constraints().isEmpty());
        segmentOf = new int[tensors.size()];
        List<Integer> sizes = new ArrayList<>();
        for (int t = 0; t < tensors.size(); t++) {
            segmentOf[t] = tensors.get(t).committed() ? sizes.size() : -1;
            if (tensors.get(t).committed()) {
                sizes.add(tensors.get(t).numVars());
            }
        }
        witnessLayout = PolyLayout.of(sizes.stream().mapToInt(Integer::intValue).toArray());
        weightLayout = weightSegs.isEmpty() ? null : PolyLayout.of(weightSegs.stream().mapToInt(WeightSeg::numVars).toArray());
        // The committed (padded) witness polynomial, the committed entries (witness generation, zero-checks),
        // and the two fraction trees of the lookup argument; ties broken by the committed entries.
        long entries = 0;
        for (TensorSpec t : tensors) {
            entries += t.committed() ? 1L << t.numVars() : 0;
        }
        long c = witnessLayout.size() + entries;
        if (lookupLayout != null) {
            c += (2L << lookupVars) + (2L << limbBits);
        }
        cost = c;
        tieBreak = entries;
        building = false;
    }

    // ---------------- accessors ----------------

    CircuitDescription description() {
        return d;
    }

    int batch() {
        return batch;
    }

    int batchVars() {
        return batchVars;
    }

    int batchSlots() {
        return 1 << batchVars;
    }

    int limbBits() {
        return limbBits;
    }

    List<TensorSpec> tensors() {
        return Collections.unmodifiableList(tensors);
    }

    List<LookupSeg> lookups() {
        return Collections.unmodifiableList(lookups);
    }

    List<LimbFill> limbFills() {
        return Collections.unmodifiableList(limbFills);
    }

    List<ZeroCheck> zeroChecks() {
        return Collections.unmodifiableList(zeroChecks);
    }

    List<Gadget> gadgets() {
        return Collections.unmodifiableList(gadgets);
    }

    List<WeightSeg> weightSegs() {
        return Collections.unmodifiableList(weightSegs);
    }

    List<Act> acts() {
        return Collections.unmodifiableList(acts);
    }

    Act input() {
        return acts.getFirst();
    }

    Act output() {
        return acts.getLast();
    }

    int inputTensor() {
        return inputTensor;
    }

    /** Witness tensor of the lookup multiplicities, or −1 when the circuit has no lookups. */
    int multTensor() {
        return multTensor;
    }

    PolyLayout witnessLayout() {
        return witnessLayout;
    }

    /** The witness-polynomial segment of a committed tensor. */
    int segmentOf(int tensor) {
        if (segmentOf[tensor] < 0) {
            throw new IllegalStateException("claim on virtual tensor " + tensors.get(tensor).name());
        }
        return segmentOf[tensor];
    }

    boolean isVirtual(int tensor) {
        return segmentOf[tensor] < 0;
    }

    /** The committed tensors' tables, in segment order, for assembling the witness polynomial. */
    long[][] committedTables(long[][] tables) {
        long[][] out = new long[witnessLayout.segments()][];
        for (int t = 0; t < tables.length; t++) {
            if (segmentOf[t] >= 0) {
                out[segmentOf[t]] = tables[t];
            }
        }
        return out;
    }

    /** null when the model has no weights. */
    PolyLayout weightLayout() {
        return weightLayout;
    }

    /** null when there are no lookups. */
    PolyLayout lookupLayout() {
        return lookupLayout;
    }

    /** Variables of the lookup fraction tree (≥ 1), 0 when there are no lookups. */
    int lookupVars() {
        return lookupVars;
    }

    /** Variables of the requester's input polynomial (row-major, zero-padded). */
    int inputVars() {
        return Fx.log2Ceil(d.inputSize());
    }

    /** Variables of the requester's mask polynomial and of z (row-major, zero-padded). */
    int outputVars() {
        return Fx.log2Ceil(d.outputSize());
    }

    long cost() {
        return cost;
    }

    // ---------------- building (gadget constructors call these) ----------------

    private void requireBuilding() {
        if (!building) {
            throw new IllegalStateException("circuit already built");
        }
    }

    int tensor(String name, int numVars) {
        return tensor(name, numVars, true);
    }

    int tensor(String name, int numVars, boolean committed) {
        requireBuilding();
        if (numVars > PolyLayout.MAX_VARS) {
            throw new IllegalArgumentException(name + ": tensor with 2^" + numVars + " entries is too large");
        }
        tensors.add(new TensorSpec(name, numVars, committed));
        return tensors.size() - 1;
    }

    int weight(String name, int numVars) {
        requireBuilding();
        weightSegs.add(new WeightSeg(name, numVars));
        return weightSegs.size() - 1;
    }

    ZeroCheck zeroCheck(String name, int numVars) {
        requireBuilding();
        ZeroCheck z = new ZeroCheck(name, numVars);
        zeroChecks.add(z);
        return z;
    }

    void lookup(String name, int numVars, Affine expr) {
        requireBuilding();
        lookups.add(new LookupSeg(name, numVars, expr));
    }

    /** Fresh limb tensors holding a value in [0, 2^bits) as Σ_j limb_j·2^(c·j), each limb range-checked. */
    int[] limbed(String name, int numVars, int bits) {
        if (bits < 0 || bits > 64) {
            throw new IllegalArgumentException(name + ": " + bits + " bits");
        }
        if (bits == 0) {
            return new int[0];
        }
        int c = limbBits;
        int m = (bits + c - 1) / c;
        int[] limbs = new int[m];
        for (int j = 0; j < m; j++) {
            limbs[j] = tensor(name + " limb " + j, numVars);
            lookup(name + " limb " + j, numVars, Affine.of(limbs[j]));
        }
        int top = bits - c * (m - 1);
        if (top < c) {
            lookup(name + " top limb < 2^" + top, numVars, Affine.of(limbs[m - 1]).times(Fx.pow2(c - top)));
        }
        return limbs;
    }

    /** Σ_j limb_j·2^(c·j) as monomials with an extra scale, for constraints. */
    List<ZeroCheck.Mono> limbMonos(ZeroCheck zc, int[] limbs, long scale, int... otherFactors) {
        List<ZeroCheck.Mono> out = new ArrayList<>();
        for (int j = 0; j < limbs.length; j++) {
            int[] f = new int[1 + otherFactors.length];
            f[0] = zc.committed(limbs[j]);
            System.arraycopy(otherFactors, 0, f, 1, otherFactors.length);
            out.add(new ZeroCheck.Mono(Goldilocks.mul(scale, Fx.pow2(limbBits * j)), f));
        }
        return out;
    }

    /** expr ∈ [0, 2^bits): lookups, and for bits > c limbs tied to expr by a constraint in zc. */
    void range(String name, int numVars, Affine expr, int bits, ZeroCheck zc) {
        if (bits == 0) {
            zc.constraint(zc.monos(expr));
            return;
        }
        if (bits <= limbBits) {
            lookup(name, numVars, expr);
            if (bits < limbBits) {
                lookup(name + " < 2^" + bits, numVars, expr.times(Fx.pow2(limbBits - bits)));
            }
            return;
        }
        int[] limbs = limbed(name, numVars, bits);
        limbFills.add(new LimbFill(name, expr, bits, limbs));
        List<ZeroCheck.Mono> tie = new ArrayList<>(zc.monos(expr));
        tie.addAll(limbMonos(zc, limbs, Goldilocks.neg(1)));
        zc.constraint(tie);
    }

    /** lo ≤ expr ≤ hi for a value read as a signed integer. */
    void interval(String name, int numVars, Affine expr, long lo, long hi, ZeroCheck zc) {
        long w = hi - lo;
        if (w < 0) {
            throw new IllegalArgumentException(name + ": empty interval");
        }
        Affine fromLo = expr.plus(Goldilocks.fromSigned(-lo));
        if (w == 0) {
            range(name + " = " + lo, numVars, fromLo, 0, zc);
            return;
        }
        int b = Fx.bitLength(w);
        range(name + " - lo", numVars, fromLo, b, zc);
        if (Long.bitCount(w + 1) != 1) {
            range("hi - " + name, numVars, expr.times(Goldilocks.neg(1)).plus(Goldilocks.fromSigned(hi)), b, zc);
        }
    }
}
