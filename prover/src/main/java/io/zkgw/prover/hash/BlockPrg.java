package io.zkgw.prover.hash;

import io.zkgw.prover.field.Goldilocks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A generator that produces its output one block at a time: bytes in order, and field elements from
 * little-endian u64 words of one block (the last bytes of a block are skipped when fewer than 8 remain),
 * each accepted iff below p.
 */
abstract class BlockPrg implements Prg {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] block;
    private int used;

    BlockPrg(int blockBytes) {
        block = new byte[blockBytes];
        used = blockBytes;
    }

    /** Writes the next block of output over {@code block}. */
    abstract void fill(byte[] block);

    private void refill() {
        fill(block);
        used = 0;
    }

    @Override
    public void nextBytes(byte[] out, int off, int len) {
        while (len > 0) {
            if (used == block.length) {
                refill();
            }
            int n = Math.min(len, block.length - used);
            System.arraycopy(block, used, out, off, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public long nextField() {
        while (true) {
            if (block.length - used < 8) {
                refill();
            }
            long w = (long) LONG_LE.get(block, used);
            used += 8;
            if (Goldilocks.isCanonical(w)) {
                return w;
            }
        }
    }
}
