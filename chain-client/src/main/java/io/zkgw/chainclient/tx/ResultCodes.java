package io.zkgw.chainclient.tx;

import io.zkgw.chainapp.app.Code;
import java.util.Optional;

/** Turns CheckTx/FinalizeBlock result codes into names and sentences (chain-app's {@link Code}). */
public final class ResultCodes {
    private ResultCodes() {}

    /** The ledger's code for this (codespace, code), when it is one of ours. */
    public static Optional<Code> ledgerCode(String codespace, int code) {
        if (code == 0 || Code.CODESPACE.equals(codespace)) {
            return Optional.ofNullable(Code.of(code));
        }
        return Optional.empty();
    }

    /** E.g. {@code WRONG_SEQUENCE (code 4): the sequence is not …; log: expected sequence 3, got 2}. */
    public static String describe(String codespace, int code, String log) {
        Optional<Code> c = ledgerCode(codespace, code);
        String head = c.map(x -> x.name() + " (code " + code + "): " + x.meaning())
                .orElse("code " + code + (codespace == null || codespace.isEmpty() ? "" : " in codespace '" + codespace + "'"));
        return log == null || log.isEmpty() ? head : head + "; log: " + log;
    }
}
