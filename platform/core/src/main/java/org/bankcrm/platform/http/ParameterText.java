package org.bankcrm.platform.http;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.bankcrm.platform.problem.InputBounds;
import org.bankcrm.platform.problem.ProblemException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a query parameter, path parameter or header holding a control character (NUL above all, which
 * PostgreSQL cannot store) with a 400 naming it, before any resource reads it; JSON bodies are checked
 * by {@link org.bankcrm.platform.problem.InputBoundsModule}.
 */
public class ParameterText {

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        checkAll(request.getUriInfo().getQueryParameters(), "");
        checkAll(request.getUriInfo().getPathParameters(), "");
        checkAll(request.getHeaders(), "header ");
    }

    private static void checkAll(MultivaluedMap<String, String> parameters, String kind) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String nameProblem = InputBounds.parameterProblem(parameter.getKey());
            if (nameProblem != null) {
                throw ProblemException.invalidField(kind + "name", nameProblem);
            }
            for (String value : parameter.getValue()) {
                String problem = InputBounds.parameterProblem(value);
                if (problem != null) {
                    throw ProblemException.invalidField(kind + parameter.getKey(), problem);
                }
            }
        }
    }
}
