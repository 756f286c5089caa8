package io.zkgw.ir;

/**
 * Geometry of a 2-D sliding window over a [channels, height, width] tensor: kernel, stride and
 * padding (top, left, bottom, right). Shared by convolutions and pools, float and integer.
 */
public record Window2d(int channels, int inH, int inW, int kH, int kW, int strideH, int strideW,
                       int padTop, int padLeft, int padBottom, int padRight) {
    public Window2d {
        if (channels <= 0 || inH <= 0 || inW <= 0 || kH <= 0 || kW <= 0 || strideH <= 0 || strideW <= 0
                || padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("invalid window geometry " + this.toStringUnchecked(channels, inH,
                    inW, kH, kW, strideH, strideW));
        }
        if (inH + padTop + padBottom < kH || inW + padLeft + padRight < kW) {
            throw new IllegalArgumentException("kernel " + kH + "x" + kW + " larger than padded input "
                    + (inH + padTop + padBottom) + "x" + (inW + padLeft + padRight));
        }
    }

    private String toStringUnchecked(int c, int h, int w, int kh, int kw, int sh, int sw) {
        return "[c=" + c + ", in=" + h + "x" + w + ", k=" + kh + "x" + kw + ", s=" + sh + "x" + sw + "]";
    }

    public int outH() {
        return (inH + padTop + padBottom - kH) / strideH + 1;
    }

    public int outW() {
        return (inW + padLeft + padRight - kW) / strideW + 1;
    }

    public int inSize() {
        return channels * inH * inW;
    }

    /** Input row of window position (oy, ky), or a value outside [0, inH) when it falls in the padding. */
    public int inY(int oy, int ky) {
        return oy * strideH - padTop + ky;
    }

    public int inX(int ox, int kx) {
        return ox * strideW - padLeft + kx;
    }

    /**
     * Flat index into the [C,H,W] input of cell (ky, kx) of channel c's window at output (oy, ox), or −1
     * when that cell lies in the padding. The single definition of window geometry that the float and
     * integer layers, the integer ONNX export and the prover all use.
     */
    public int inputIndex(int c, int oy, int ox, int ky, int kx) {
        int y = inY(oy, ky);
        int x = inX(ox, kx);
        return y < 0 || y >= inH || x < 0 || x >= inW ? -1 : (c * inH + y) * inW + x;
    }

    /** Number of real (non-padding) input cells under window (oy, ox). */
    public int realCount(int oy, int ox) {
        int n = 0;
        for (int ky = 0; ky < kH; ky++) {
            int y = inY(oy, ky);
            if (y < 0 || y >= inH) {
                continue;
            }
            for (int kx = 0; kx < kW; kx++) {
                int x = inX(ox, kx);
                if (x >= 0 && x < inW) {
                    n++;
                }
            }
        }
        return n;
    }
}
