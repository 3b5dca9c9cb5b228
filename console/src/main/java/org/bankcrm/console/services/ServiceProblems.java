package org.bankcrm.console.services;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every error answer of a service becomes a {@link ServiceProblem}: its RFC 9457 body read, never a stack trace shown. */
public class ServiceProblems implements ResponseExceptionMapper<ServiceProblem> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ServiceProblem toThrowable(Response response) {
        JsonNode body = null;
        try {
            if (response.hasEntity()) {
                String text = response.readEntity(String.class);
                if (text != null && text.trim().startsWith("{")) {
                    body = JSON.readTree(text);
                }
            }
        } catch (Exception e) {
            body = null; // not problem+json: the status says enough
        }
        return ServiceProblem.of(response.getStatus(), body);
    }
}
