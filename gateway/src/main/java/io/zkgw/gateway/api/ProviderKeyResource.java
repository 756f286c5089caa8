package io.zkgw.gateway.api;

import io.zkgw.gateway.keys.ProviderKeyEntity;
import io.zkgw.gateway.keys.ProviderKeyService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The provider's HPKE key: generated once on the appliance; only the public key is ever shown. */
@Path("/api/provider-key")
@SecurityRequirement(name = "oidc")
public class ProviderKeyResource {
    @Inject
    ProviderKeyService keys;

    public record ProviderKeyView(UUID id, String suite, String publicKey, String status, String registerTxHash,
                                  OffsetDateTime createdAt) {
        static ProviderKeyView of(ProviderKeyEntity e) {
            return new ProviderKeyView(e.id, e.suite, Hex.of(e.publicKey), e.status.name(), e.commitTxHash, e.createdAt);
        }
    }

    @POST
    @RolesAllowed(Roles.HOSPITAL_ADMIN)
    @Operation(summary = "Generate and register the provider's HPKE key (once)")
    public Response register() {
        return Response.status(201).entity(ProviderKeyView.of(keys.register())).build();
    }

    @GET
    @RolesAllowed({Roles.HOSPITAL_ADMIN, Roles.AUDITOR})
    @Operation(summary = "The registered provider public key")
    public ProviderKeyView get() {
        return keys.current().map(ProviderKeyView::of).orElseThrow(() -> new NotFoundException("no provider key registered yet"));
    }
}
