package io.zkgw.gateway.api;

import io.zkgw.gateway.dataset.DatasetService;
import io.zkgw.gateway.model.ModelService;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the services' refusals to 400/404 with a JSON body naming the problem. */
public class ErrorMappers {
    @ServerExceptionMapper
    public Response invalidDataset(DatasetService.InvalidDataset e) {
        return json(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidModel(ModelService.InvalidModel e) {
        return json(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response alreadyRegistered(io.zkgw.gateway.keys.ProviderKeyService.AlreadyRegistered e) {
        return json(409, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badRequest(jakarta.ws.rs.BadRequestException e) {
        return json(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(404, e.getMessage());
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, message)).build();
    }
}
