package org.bankcrm.platform.testing;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Before each {@code @QuarkusTest} test, makes every RestAssured request of the test carry a bearer token with the
 * roles of its {@link CallsAs} (a global RestAssured filter; a request that sets its own Authorization header keeps
 * it). A test without {@link CallsAs} sends no token.
 */
public class CallsAsCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        CallsAs callsAs = callsAs(context.getTestMethod(), context.getTestInstance().getClass());
        List<Filter> filters = new ArrayList<>(RestAssured.filters());
        filters.removeIf(f -> f instanceof BearerToken);
        if (callsAs != null) {
            filters.add(new BearerToken(TestTokens.bearer(callsAs.value())));
        }
        RestAssured.replaceFiltersWith(filters);
    }

    static CallsAs callsAs(Method method, Class<?> testClass) {
        CallsAs onMethod = method == null ? null : method.getAnnotation(CallsAs.class);
        if (onMethod != null) {
            return onMethod;
        }
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            CallsAs onClass = c.getAnnotation(CallsAs.class);
            if (onClass != null) {
                return onClass;
            }
        }
        return null;
    }

    /** Adds the Authorization header to a request that has none. */
    record BearerToken(String authorization) implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", authorization);
            }
            return context.next(request, response);
        }
    }
}
