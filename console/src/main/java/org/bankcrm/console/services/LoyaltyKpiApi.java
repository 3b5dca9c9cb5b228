package org.bankcrm.console.services;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/** loyalty-service's analytical KPIs (loyalty-service/README.md, "Analytical KPIs"), for the analytics page. */
@RegisterRestClient(configKey = "loyalty-service")
@RegisterProvider(ServiceProblems.class)
@Path("/api/v1/kpis")
public interface LoyaltyKpiApi {

    @GET
    JsonNode kpis(@HeaderParam("Authorization") String bearer, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("segment") String segment, @QueryParam("quadrant") String quadrant);
}
