package io.zkgw.gateway.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.zkgw.gateway.dataset.DatasetEntity;
import io.zkgw.gateway.dataset.DatasetService;
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

/** Datasets: files on the appliance committed by Merkle root; only commitments come back, never records. */
@Path("/api/datasets")
@SecurityRequirement(name = "oidc")
public class DatasetResource {
    @Inject
    DatasetService datasets;

    @Inject
    SecurityIdentity identity;

    /** Register a dataset: an absolute path to a CSV file on the appliance (header line = schema). */
    public record RegisterDataset(String name, String path) {}

    /** A dataset as the API shows it: its commitment and where it stands, no content. */
    public record DatasetView(UUID id, String name, String path, long fileSize, String fileSha256, String merkleRoot,
                              long recordCount, String schemaHash, String status, String chainDatasetId,
                              String commitTxHash, String registeredBy, OffsetDateTime createdAt) {
        static DatasetView of(DatasetEntity d) {
            return new DatasetView(d.id, d.name, d.filePath, d.fileSize, Hex.of(d.fileSha256), Hex.of(d.merkleRoot),
                    d.recordCount, Hex.of(d.schemaHash), d.status.name(), Hex.of(d.chainDatasetId), d.commitTxHash,
                    d.registeredBy, d.createdAt);
        }
    }

    @POST
    @RolesAllowed({Roles.HOSPITAL_ADMIN, Roles.DATA_STEWARD})
    @Operation(summary = "Register a dataset file on the appliance (streamed, never copied) and commit to it")
    public Response register(RegisterDataset req) {
        if (req == null || req.path() == null) {
            throw new BadRequestException("body must be {\"name\": ..., \"path\": ...}");
        }
        java.nio.file.Path p;
        try {
            p = java.nio.file.Path.of(req.path());
        } catch (InvalidPathException e) {
            throw new BadRequestException("path is not a valid file path");
        }
        DatasetEntity d = datasets.register(req.name(), p, identity.getPrincipal().getName());
        return Response.status(201).entity(DatasetView.of(d)).build();
    }

    @GET
    @RolesAllowed({Roles.HOSPITAL_ADMIN, Roles.DATA_STEWARD, Roles.AUDITOR})
    @Operation(summary = "List registered datasets")
    public List<DatasetView> list() {
        return datasets.list().stream().map(DatasetView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.HOSPITAL_ADMIN, Roles.DATA_STEWARD, Roles.AUDITOR})
    @Operation(summary = "One dataset")
    public DatasetView get(@PathParam("id") UUID id) {
        return datasets.find(id).map(DatasetView::of).orElseThrow(() -> new NotFoundException("no dataset " + id));
    }
}
