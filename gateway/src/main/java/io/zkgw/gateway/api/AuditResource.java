package io.zkgw.gateway.api;

import io.zkgw.commitments.Sha256;
import io.zkgw.gateway.audit.AuditService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The audit log export, verifiable offline with {@code zkgw audit verify --log FILE --head H}. */
@Path("/api/audit-log")
@SecurityRequirement(name = "oidc")
public class AuditResource {
    /** Response header carrying the log's head hash at export time. */
    public static final String HEAD_HEADER = "X-Zkgw-Audit-Head";

    @Inject
    AuditService audit;

    @GET
    @Produces("text/tab-separated-values")
    @RolesAllowed({Roles.HOSPITAL_ADMIN, Roles.AUDITOR})
    @Operation(summary = "Export the hash-chained audit log (seq, type, payload, prev, hash; hex)")
    public Response export() {
        AuditService.Export e = audit.export();
        return Response.ok(e.text()).header(HEAD_HEADER, Sha256.hex(e.head())).build();
    }
}
