package io.zkgw.cli.clinician;

import io.zkgw.envelope.Reason;
import java.util.Map;

/** RejectRequest reason codes as named in docs/chain.md ("RejectRequest reason codes"). */
public final class ReasonNames {
    // the default admission rules of policies/ (requests.md); a hospital may add its own codes ≥ 32
    private static final Map<Integer, String> DEFAULT_RULES = Map.of(
            32, "requester-allowlist", 33, "minimum-fee", 34, "rate-limit", 35, "input-width", 36, "input-ranges");

    private ReasonNames() {}

    /** The gateway's own name (1–31), the default rule's name (32–36), or a description of the code. */
    public static String of(int code) {
        return Reason.ofCode(code).map(Enum::name)
                .or(() -> java.util.Optional.ofNullable(DEFAULT_RULES.get(code)))
                .orElse(code >= Reason.FIRST_POLICY_CODE ? "hospital rule " + code : "unknown reason " + code);
    }
}
