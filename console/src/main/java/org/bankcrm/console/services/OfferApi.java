package org.bankcrm.console.services;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/** offer-service, as the console reads and writes it (offer-service/README.md). */
@RegisterRestClient(configKey = "offer-service")
@RegisterProvider(ServiceProblems.class)
@Path("/api/v1")
public interface OfferApi {

    @GET
    @Path("clients/{clientId}/next-best-actions")
    /** The latest decision the event chain made (not one a channel asked for). */
    JsonNode nextBestActions(@HeaderParam("Authorization") String bearer, @PathParam("clientId") String clientId);

    /** The catalogue, for the offer catalogue page. */
    @GET
    @Path("offers")
    JsonNode offers(@HeaderParam("Authorization") String bearer);

    /** An offer's learnt propensity model and its monitoring (online AUC, calibration, drift). */
    @GET
    @Path("offers/{offerId}/model")
    JsonNode model(@HeaderParam("Authorization") String bearer, @PathParam("offerId") String offerId);

    @GET
    @Path("decisions/{decisionId}")
    JsonNode decision(@HeaderParam("Authorization") String bearer, @PathParam("decisionId") String decisionId);

    /** A decision for the channel: its actions are handed to the channel to present. */
    @POST
    @Path("decisions")
    JsonNode decide(@HeaderParam("Authorization") String bearer, Object request);

    @POST
    @Path("decisions/{decisionId}/responses")
    JsonNode respond(@HeaderParam("Authorization") String bearer, @PathParam("decisionId") String decisionId, Object response);
}
