package io.zkgw.gateway.api;

/** The realm roles of the admin API (Keycloak realm roles, realm_access.roles in the access token). */
public final class Roles {
    /** Registers datasets, models and keys; sees and manages jobs. */
    public static final String HOSPITAL_ADMIN = "hospital-admin";
    /** Registers and inspects datasets. */
    public static final String DATA_STEWARD = "data-steward";
    /** Reads commitments, jobs and the audit log; changes nothing. */
    public static final String AUDITOR = "auditor";

    private Roles() {}
}
