package io.zkgw.prover.inference;

import io.zkgw.ir.IntOp;
import io.zkgw.prover.field.Goldilocks;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Requantisation y = clamp(⌊(acc·M + 2^(k−1)) / 2^k⌋, lo, hi), and Clamp y = clamp(x, lo, hi) as the case
 * without multiplier and shift. Committed: y, the remainder as limbs (Requant only), e⁺ and e⁻ as limbs
 * (absent when the static ranges show they are always 0). Constraints at every point:
 * <pre>
 *   acc·M + h − (y + e⁺ − e⁻)·2^k − rem = 0        (Clamp: x − (y + e⁺ − e⁻) = 0)
 *   e⁺·(hi − y) = 0        e⁻·(y − lo) = 0
 * </pre>
 * with rem ∈ [0, 2^k), e± ∈ [0, 2^b±) and y ∈ [lo, hi] by lookups. The construction refuses a model in
 * which |v| + max|Q|·2^k + 2^k could reach p (Q = y + e⁺ − e⁻), so the field equation is the integer one.
 */
final class RequantGadget extends Gadget {
    final int opIndex;
    final Circuit.Act in;
    final Circuit.Act out;
    final boolean isClamp;
    final long[] m;
    final int k;
    final long lo;
    final long hi;
    final int remBits;
    final int plusBits;
    final int minusBits;
    final int[] rem;
    final int[] plus;
    final int[] minus;
    final int batchSlots;

    static RequantGadget requant(Circuit c, String name, int op, IntOp.Requant r, Circuit.Act in, long[] inRange) {
        return new RequantGadget(c, name, op, r.shape(), in, inRange, false, r.m(), r.k(), r.lo(), r.hi());
    }

    static RequantGadget clamp(Circuit c, String name, int op, IntOp.Clamp cl, Circuit.Act in, long[] inRange) {
        return new RequantGadget(c, name, op, cl.shape(), in, inRange, true, null, 0, cl.lo(), cl.hi());
    }

    RequantGadget(Circuit c, String name, int op, int[] shape, Circuit.Act in, long[] inRange, boolean isClamp,
            long[] m, int k, long lo, long hi) {
        super(name);
        this.opIndex = op;
        this.in = in;
        this.isClamp = isClamp;
        this.m = m;
        this.k = k;
        this.lo = lo;
        this.hi = hi;
        this.batchSlots = c.batchSlots();
        int nv = c.batchVars() + in.vars;
        int y = c.tensor(name + " output", nv);
        this.out = new Circuit.Act(shape, in.vars, in.pos, y);

        // Range of the unclamped quotient q over real elements and padding (acc = 0 or M = 0 there).
        long aLo = Math.min(inRange[0], 0);
        long aHi = Math.max(inRange[1], 0);
        long qLo;
        long qHi;
        long vMag;
        if (isClamp) {
            qLo = aLo;
            qHi = aHi;
            vMag = Math.max(-aLo, aHi);
        } else {
            long mMin = Long.MAX_VALUE;
            long mMax = 0;
            for (long v : m) {
                mMin = Math.min(mMin, v);
                mMax = Math.max(mMax, v);
            }
            long half = 1L << (k - 1);
            long pMin = Math.min(Math.min(aLo * mMax, aLo * mMin), 0);
            long pMax = Math.max(Math.max(aHi * mMax, aHi * mMin), 0);
            qLo = Math.floorDiv(pMin + half, 1L << k);
            qHi = Math.floorDiv(pMax + half, 1L << k);
            vMag = Math.max(-pMin, pMax) + half;
        }
        this.remBits = isClamp ? 0 : k;
        this.plusBits = Fx.bitLength(Math.max(0, qHi - hi));
        this.minusBits = Fx.bitLength(Math.max(0, lo - qLo));
        checkExact(name, vMag);

        this.rem = c.limbed(name + " remainder", nv, remBits);
        this.plus = c.limbed(name + " e+", nv, plusBits);
        this.minus = c.limbed(name + " e-", nv, minusBits);

        ZeroCheck zc = c.zeroCheck(name, nv);
        int fIn = zc.committed(in.tensor);
        int fY = zc.committed(y);
        long shift = isClamp ? 1 : Fx.pow2(k);
        List<ZeroCheck.Mono> c1 = new ArrayList<>();
        if (isClamp) {
            c1.add(new ZeroCheck.Mono(1, new int[] {fIn}));
        } else {
            int fM = zc.publicTable(name + " multipliers", this::multiplierTable);
            c1.add(new ZeroCheck.Mono(1, new int[] {fIn, fM}));
            c1.add(new ZeroCheck.Mono(1L << (k - 1), new int[0]));
        }
        c1.add(new ZeroCheck.Mono(Goldilocks.neg(shift), new int[] {fY}));
        c1.addAll(c.limbMonos(zc, plus, Goldilocks.neg(shift)));
        c1.addAll(c.limbMonos(zc, minus, shift));
        c1.addAll(c.limbMonos(zc, rem, Goldilocks.neg(1)));
        zc.constraint(c1);
        if (plus.length > 0) {
            List<ZeroCheck.Mono> c2 = new ArrayList<>(c.limbMonos(zc, plus, Goldilocks.fromSigned(hi)));
            c2.addAll(c.limbMonos(zc, plus, Goldilocks.neg(1), fY));
            zc.constraint(c2);
        }
        if (minus.length > 0) {
            List<ZeroCheck.Mono> c3 = new ArrayList<>(c.limbMonos(zc, minus, 1, fY));
            c3.addAll(c.limbMonos(zc, minus, Goldilocks.fromSigned(-lo)));
            zc.constraint(c3);
        }
        c.interval(name + " output", nv, Affine.of(y), lo, hi, zc);
    }

    /** Refuses parameters for which the field equation would not pin down the integer one. */
    void checkExact(String name, long vMag) {
        BigInteger two = BigInteger.TWO;
        BigInteger qMin = BigInteger.valueOf(lo).subtract(two.pow(minusBits));
        BigInteger qMax = BigInteger.valueOf(hi).add(two.pow(plusBits));
        BigInteger scale = two.pow(isClamp ? 0 : k);
        BigInteger bound = BigInteger.valueOf(vMag).add(qMin.abs().max(qMax.abs()).multiply(scale)).add(scale);
        if (bound.compareTo(Goldilocks.MODULUS) >= 0) {
            throw new IllegalArgumentException(name + ": not provable: |v| + |Q|·2^k may reach p (k=" + k + ", clamp ["
                    + lo + "," + hi + "])");
        }
    }

    /** M in the output layout, 0 at padding positions, repeated over batch slots. */
    long[] multiplierTable() {
        int per = 1 << in.vars;
        long[] t = new long[batchSlots * per];
        for (int b = 0; b < batchSlots; b++) {
            for (int i = 0; i < m.length; i++) {
                t[b * per + in.pos[i]] = m[i];
            }
        }
        return t;
    }

}
