package io.zkgw.policy;

/**
 * One admission rule as loaded: its expression must be true for a request to pass.
 *
 * @param name        unique within the set ({@code [a-z0-9][a-z0-9-]{0,63}})
 * @param reasonCode  posted on chain when this rule refuses (32..65535)
 * @param description free text for reviewers (may be empty)
 * @param file        the file it came from (its name within the directory)
 * @param expression  the CEL source
 */
public record Rule(String name, int reasonCode, String description, String file, String expression) {
    @Override
    public String toString() {
        return "Rule[" + name + ", reason " + reasonCode + ", " + file + "]";
    }
}
