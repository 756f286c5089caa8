package io.zkgw.chainclient.tx;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.app.Code;
import io.zkgw.chainclient.types.Hex;
import java.util.Optional;

/** The chain refused a transaction: where (mempool, CheckTx, in its block), with which code and why. */
public final class TxRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Where the tx was refused. */
    public enum Stage {
        /** CometBFT refused it before or around CheckTx (already in the cache, mempool full, too large). */
        MEMPOOL,
        /** The ledger's CheckTx gave a non-zero code: the tx was not admitted and changed nothing. */
        CHECK_TX,
        /** Included in a block with a non-zero code: fee and sequence were spent, the message had no effect. */
        FINALIZE_BLOCK
    }

    private final Stage stage;
    private final ByteString txHash;
    private final int code;
    private final String codespace;
    private final String log;
    private final long height;

    public TxRejectedException(Stage stage, ByteString txHash, int code, String codespace, String log, long height) {
        super(message(stage, txHash, code, codespace, log, height));
        this.stage = stage;
        this.txHash = txHash;
        this.code = code;
        this.codespace = codespace == null ? "" : codespace;
        this.log = log == null ? "" : log;
        this.height = height;
    }

    private static String message(Stage stage, ByteString txHash, int code, String codespace, String log, long height) {
        String where = switch (stage) {
            case MEMPOOL -> "the node refused tx " + Hex.upper(txHash) + ": ";
            case CHECK_TX -> "CheckTx rejected tx " + Hex.upper(txHash) + ": ";
            case FINALIZE_BLOCK -> "tx " + Hex.upper(txHash) + " failed in block " + height + ": ";
        };
        return where + (stage == Stage.MEMPOOL ? log : ResultCodes.describe(codespace, code, log));
    }

    public Stage stage() {
        return stage;
    }

    public ByteString txHash() {
        return txHash;
    }

    /** The ABCI code (0 for a MEMPOOL refusal, which has none). */
    public int code() {
        return code;
    }

    public String codespace() {
        return codespace;
    }

    /** The ledger's code, when the code is in its codespace. */
    public Optional<Code> ledgerCode() {
        return stage == Stage.MEMPOOL ? Optional.empty() : ResultCodes.ledgerCode(codespace, code);
    }

    public String log() {
        return log;
    }

    /** The block height for FINALIZE_BLOCK, else 0. */
    public long height() {
        return height;
    }
}
