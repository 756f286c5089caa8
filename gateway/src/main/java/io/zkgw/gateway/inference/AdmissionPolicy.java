package io.zkgw.gateway.inference;

import io.zkgw.policy.Decision;
import io.zkgw.policy.RequestContext;

/** Decides whether a decrypted request is admitted. {@link PolicyAdmission} (policies/, CEL) is the implementation. */
public interface AdmissionPolicy {
    Decision evaluate(RequestContext request);

    /** The hash of the rules in force (what CommitModel's policy_hash refers to). */
    byte[] hash();
}
