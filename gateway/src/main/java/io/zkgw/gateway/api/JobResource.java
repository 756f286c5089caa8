package io.zkgw.gateway.api;

import io.zkgw.gateway.job.JobEntity;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.job.JobState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Jobs: where each request stands. Shows ids, states, codes and public tx data, never payloads. */
@Path("/api/jobs")
@SecurityRequirement(name = "oidc")
public class JobResource {
    @Inject
    JobRepository jobs;

    public record JobView(UUID id, String requestId, UUID modelId, String state, int attempts, int claims,
                          OffsetDateTime nextAttemptAt, String lastErrorCode, Integer rejectReason, Long provingMillis,
                          Integer proofBytes, String txKind, String txHash, Long txHeight, long fee,
                          long deadlineHeight, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static JobView of(JobEntity j) {
            return new JobView(j.id, j.requestId, j.modelId, j.state.name(), j.attempts, j.claims, j.nextAttemptAt,
                    j.lastErrorCode, j.rejectReason, j.provingMillis, j.proofBytes, j.txKind,
                    j.txHash, j.txHeight, j.fee, j.deadlineHeight, j.createdAt, j.updatedAt);
        }
    }

    @GET
    @RolesAllowed({Roles.HOSPITAL_ADMIN, Roles.AUDITOR})
    @Operation(summary = "List jobs, newest first, optionally by state")
    public List<JobView> list(@QueryParam("state") String state, @QueryParam("limit") @DefaultValue("100") int limit) {
        Optional<JobState> s;
        try {
            s = state == null || state.isBlank() ? Optional.empty() : Optional.of(JobState.valueOf(state.toUpperCase()));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("unknown state '" + state + "'; one of " + List.of(JobState.values()));
        }
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit must be 1..1000");
        }
        return jobs.list(s, limit).stream().map(JobView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.HOSPITAL_ADMIN, Roles.AUDITOR})
    @Operation(summary = "One job")
    public JobView get(@PathParam("id") UUID id) {
        return jobs.find(id).map(JobView::of).orElseThrow(() -> new NotFoundException("no job " + id));
    }
}
