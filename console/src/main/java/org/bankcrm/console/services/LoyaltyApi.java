package org.bankcrm.console.services;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/** loyalty-service, as the console reads it (loyalty-service/README.md). */
@RegisterRestClient(configKey = "loyalty-service")
@RegisterProvider(ServiceProblems.class)
@Path("/api/v1/clients/{clientId}/loyalty")
public interface LoyaltyApi {

    @GET
    JsonNode loyalty(@HeaderParam("Authorization") String bearer, @PathParam("clientId") String clientId);

    @GET
    @Path("history")
    JsonNode history(@HeaderParam("Authorization") String bearer, @PathParam("clientId") String clientId,
            @QueryParam("size") int size);
}
