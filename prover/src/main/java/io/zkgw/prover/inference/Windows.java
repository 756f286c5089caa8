package io.zkgw.prover.inference;

import io.zkgw.ir.Window2d;

/** Enumerations of sliding-window cells, shared by the prover's tables and the verifier's selections. */
final class Windows {
    private Windows() {}

    @FunctionalInterface
    interface Im2col {
        /** Kernel index k = (c·kH + ky)·kW + kx, output position p = oy·outW + ox, input position u. */
        void cell(int k, int p, int u);
    }

    @FunctionalInterface
    interface PoolCell {
        /** Output row r = (c·outH + oy)·outW + ox, window cell w = ky·kW + kx, input position u or −1 for padding. */
        void cell(int r, int w, int u);
    }

    /** Every in-bounds cell of every window over all input channels (the non-zero entries of im2col). */
    static void im2col(Window2d win, int[] inPos, Im2col f) {
        int oh = win.outH();
        int ow = win.outW();
        for (int c = 0; c < win.channels(); c++) {
            for (int ky = 0; ky < win.kH(); ky++) {
                for (int kx = 0; kx < win.kW(); kx++) {
                    int k = (c * win.kH() + ky) * win.kW() + kx;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = win.inY(oy, ky);
                        if (iy < 0 || iy >= win.inH()) {
                            continue;
                        }
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = win.inX(ox, kx);
                            if (ix >= 0 && ix < win.inW()) {
                                f.cell(k, oy * ow + ox, inPos[(c * win.inH() + iy) * win.inW() + ix]);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Every cell of every pooling window, channel by channel; padding cells get u = −1. */
    static void poolCells(Window2d win, int[] inPos, PoolCell f) {
        int oh = win.outH();
        int ow = win.outW();
        for (int c = 0; c < win.channels(); c++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int r = (c * oh + oy) * ow + ox;
                    for (int ky = 0; ky < win.kH(); ky++) {
                        int iy = win.inY(oy, ky);
                        for (int kx = 0; kx < win.kW(); kx++) {
                            int ix = win.inX(ox, kx);
                            boolean real = iy >= 0 && iy < win.inH() && ix >= 0 && ix < win.inW();
                            f.cell(r, ky * win.kW() + kx, real ? inPos[(c * win.inH() + iy) * win.inW() + ix] : -1);
                        }
                    }
                }
            }
        }
    }
}
