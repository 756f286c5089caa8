package io.zkgw.gateway.api;

import io.zkgw.gateway.dataset.DatasetService;
import io.zkgw.gateway.model.ModelService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Everything this gateway commits to, in the form the ledger carries it: what an auditor compares. */
@Path("/api/commitments")
@SecurityRequirement(name = "oidc")
public class CommitmentResource {
    @Inject
    DatasetService datasets;

    @Inject
    ModelService models;

    public record DatasetCommitmentView(UUID id, String merkleRoot, long recordCount, String schemaHash, String status,
                                        String chainDatasetId) {}

    public record ModelCommitmentView(UUID id, UUID datasetId, String modelCommitment, String circuitHash, long price,
                                      String policyHash, String status, String chainModelId) {}

    public record Commitments(List<DatasetCommitmentView> datasets, List<ModelCommitmentView> models) {}

    @GET
    @RolesAllowed({Roles.HOSPITAL_ADMIN, Roles.DATA_STEWARD, Roles.AUDITOR})
    @Operation(summary = "All dataset and model commitments")
    public Commitments all() {
        return new Commitments(
                datasets.list().stream().map(d -> new DatasetCommitmentView(d.id, Hex.of(d.merkleRoot), d.recordCount,
                        Hex.of(d.schemaHash), d.status.name(), Hex.of(d.chainDatasetId))).toList(),
                models.list().stream().map(m -> new ModelCommitmentView(m.id, m.datasetId, Hex.of(m.modelCommitment),
                        Hex.of(m.circuitHash), m.price, Hex.of(m.policyHash), m.status.name(), Hex.of(m.chainModelId)))
                        .toList());
    }
}
