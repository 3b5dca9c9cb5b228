package org.bankcrm.platform.http;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
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
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        checkAll(query, "", false);
        checkAll(request.getUriInfo().getPathParameters(), "", false);
        checkAll(request.getHeaders(), "header ", true);
        if (resource != null && resource.getResourceMethod() != null) {
            checkTypes(resource.getResourceMethod(), query);
        }
    }

    /**
     * A query parameter the resource takes as a number or an enumeration, and that does not convert, is a 400 naming
     * it and what it must be; left to Quarkus REST it would be a 404, as if the resource did not exist.
     */
    private static void checkTypes(Method method, MultivaluedMap<String, String> query) {
        for (Parameter parameter : method.getParameters()) {
            QueryParam name = parameter.getAnnotation(QueryParam.class);
            String value = name == null ? null : query.getFirst(name.value());
            if (value == null) {
                continue;
            }
            Class<?> type = parameter.getType();
            try {
                if (type == int.class || type == Integer.class) {
                    Integer.parseInt(value);
                } else if (type == long.class || type == Long.class) {
                    Long.parseLong(value);
                } else if (type.isEnum()) {
                    QueryValues.enumeration(type.asSubclass(Enum.class), name.value(), value);
                }
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField(name.value(), "must be an integer between "
                        + (type == long.class || type == Long.class ? Long.MIN_VALUE + " and " + Long.MAX_VALUE
                                : Integer.MIN_VALUE + " and " + Integer.MAX_VALUE));
            }
        }
    }

    /** Headers may hold a tab (HTTP allows it in a value); parameters hold no control character at all. */
    private static void checkAll(MultivaluedMap<String, String> parameters, String kind, boolean tabAllowed) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String nameProblem = InputBounds.parameterProblem(parameter.getKey());
            if (nameProblem != null) {
                throw ProblemException.invalidField(kind + "name", nameProblem);
            }
            for (String value : parameter.getValue()) {
                String problem = tabAllowed && value != null ? InputBounds.parameterProblem(value.replace('\t', ' '))
                        : InputBounds.parameterProblem(value);
                if (problem != null) {
                    throw ProblemException.invalidField(kind + parameter.getKey(), problem);
                }
            }
        }
    }
}
