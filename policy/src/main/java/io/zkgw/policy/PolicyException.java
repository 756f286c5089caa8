package io.zkgw.policy;

/** A policy directory or rule file that cannot be loaded; the message names the file and, where known, the position. */
public final class PolicyException extends Exception {
    public PolicyException(String message) {
        super(message);
    }
}
