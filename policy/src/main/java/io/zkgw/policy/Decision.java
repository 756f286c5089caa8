package io.zkgw.policy;

/** The outcome of evaluating a policy set: admit, or reject with the reason code to post on chain and the rule. */
public sealed interface Decision permits Decision.Admit, Decision.Reject {
    /**
     * Reason code when a rule cannot be evaluated (a missing map key, overflow, too many iterations):
     * the request is refused. Equals {@code io.zkgw.envelope.Reason.POLICY_ERROR}.
     */
    int POLICY_ERROR = 10;

    Decision ADMIT = new Admit();

    record Admit() implements Decision {}

    /**
     * @param reasonCode the rule's code, or {@link #POLICY_ERROR}
     * @param rule       the rule's name
     * @param detail     what happened, without any value from the request
     */
    record Reject(int reasonCode, String rule, String detail) implements Decision {}

    default boolean admitted() {
        return this instanceof Admit;
    }
}
