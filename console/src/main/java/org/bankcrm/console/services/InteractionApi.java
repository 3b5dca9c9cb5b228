package org.bankcrm.console.services;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/** interaction-service, as the console reads and writes it (interaction-service/README.md). */
@RegisterRestClient(configKey = "interaction-service")
@RegisterProvider(ServiceProblems.class)
@Path("/api/v1")
public interface InteractionApi {

    @GET
    @Path("clients/{clientId}/interactions")
    JsonNode timeline(@HeaderParam("Authorization") String bearer, @PathParam("clientId") String clientId,
            @QueryParam("size") int size);

    @GET
    @Path("clients/{clientId}/journeys")
    JsonNode journeys(@HeaderParam("Authorization") String bearer, @PathParam("clientId") String clientId,
            @QueryParam("size") int size);

    /** The CX KPIs per month (interaction-service/docs/kpis.md), for the CX monitor. */
    @GET
    @Path("kpis")
    JsonNode kpis(@HeaderParam("Authorization") String bearer, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("channel") String channel, @QueryParam("need") String need, @QueryParam("cause") String cause);

    @POST
    @Path("interactions")
    JsonNode record(@HeaderParam("Authorization") String bearer, Object touchpoint);
}
