package org.bankcrm.console.services;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/** client-service, as the console reads it (client-service/README.md). */
@RegisterRestClient(configKey = "client-service")
@RegisterProvider(ServiceProblems.class)
@Path("/api/v1/clients")
public interface ClientApi {

    @GET
    JsonNode search(@HeaderParam("Authorization") String bearer, @QueryParam("q") String q, @QueryParam("page") int page,
            @QueryParam("size") int size);

    @GET
    @Path("{id}")
    JsonNode client(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @GET
    @Path("{id}/consents")
    JsonNode consents(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @GET
    @Path("{id}/products")
    JsonNode products(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @GET
    @Path("{id}/value")
    JsonNode value(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);
}
