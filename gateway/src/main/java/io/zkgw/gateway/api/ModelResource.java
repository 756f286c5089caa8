package io.zkgw.gateway.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.zkgw.gateway.model.ModelEntity;
import io.zkgw.gateway.model.ModelService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.nio.file.InvalidPathException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Models: a float ONNX file and its calibration set on the appliance, quantised and committed here. */
@Path("/api/models")
@SecurityRequirement(name = "oidc")
public class ModelResource {
    @Inject
    ModelService models;

    @Inject
    SecurityIdentity identity;

    /** Register a model (absolute appliance paths; price in ledger units; policy hash 64 hex digits, optional). */
    public record RegisterModel(String name, String onnxPath, String calibrationPath, UUID datasetId, Long price,
                                List<String> labels, String policyHash) {}

    /** A model as the API shows it: commitment, card hashes, price, status; never weights. */
    public record ModelView(UUID id, String name, UUID datasetId, String sourceOnnxSha256, String integerModelSha256,
                            long parameterCount, String modelCommitment, String circuitHash, int circuitSize, long price,
                            String policyHash, String status, String chainModelId, String commitTxHash,
                            String registeredBy, OffsetDateTime createdAt) {
        static ModelView of(ModelEntity m) {
            return new ModelView(m.id, m.name, m.datasetId, m.sourceOnnxSha256, m.integerModelSha256, m.parameterCount,
                    Hex.of(m.modelCommitment), Hex.of(m.circuitHash), m.circuitSize, m.price, Hex.of(m.policyHash),
                    m.status.name(), Hex.of(m.chainModelId), m.commitTxHash, m.registeredBy, m.createdAt);
        }
    }

    @POST
    @RolesAllowed(Roles.HOSPITAL_ADMIN)
    @Operation(summary = "Register a float ONNX model with its calibration set: quantise, commit, store")
    public Response register(RegisterModel req) {
        if (req == null || req.onnxPath() == null || req.calibrationPath() == null || req.datasetId() == null
                || req.price() == null) {
            throw new BadRequestException("body needs name, onnxPath, calibrationPath, datasetId and price");
        }
        ModelService.Registration r;
        try {
            r = new ModelService.Registration(req.name(), java.nio.file.Path.of(req.onnxPath()),
                    java.nio.file.Path.of(req.calibrationPath()), req.datasetId(), req.price(), req.labels(),
                    Hex.parse(req.policyHash(), "policyHash"));
        } catch (InvalidPathException e) {
            throw new BadRequestException("onnxPath and calibrationPath must be valid file paths");
        }
        ModelEntity m = models.register(r, identity.getPrincipal().getName());
        return Response.status(201).entity(ModelView.of(m)).build();
    }

    @GET
    @RolesAllowed({Roles.HOSPITAL_ADMIN, Roles.DATA_STEWARD, Roles.AUDITOR})
    @Operation(summary = "List registered models")
    public List<ModelView> list() {
        return models.list().stream().map(ModelView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.HOSPITAL_ADMIN, Roles.DATA_STEWARD, Roles.AUDITOR})
    @Operation(summary = "One model")
    public ModelView get(@PathParam("id") UUID id) {
        return models.find(id).map(ModelView::of).orElseThrow(() -> new NotFoundException("no model " + id));
    }
}
