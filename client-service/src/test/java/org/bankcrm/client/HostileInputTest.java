package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalDate;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.HostileInputs;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every operation of the OpenAPI document, with every field and parameter mutated: no 5xx, every error a problem. */
@QuarkusTest
@CallsAs({ Roles.CHANNEL, Roles.INTEGRATION, Roles.ANALYST, Roles.MARKETING, Roles.ADMIN })
@QuarkusTestResource(CrmTestResource.class)
class HostileInputTest {
    @Test
    void noHostileInputToAnyOperationGetsAServerErrorOrAnAnswerThatIsNotAProblem() {
        String clientId = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        HostileInputs run = HostileInputs.of("client-service")
                .value("id", clientId)
                .value("clientId", clientId)
                .fresh("externalRef", () -> "CB-" + UUID.randomUUID())
                .body("POST /api/v1/clients", ClientRegistrationTest.clientJson("CB-" + UUID.randomUUID()))
                .body("PUT /api/v1/clients/{id}/consents", """
                        {"source": "MOBILE_APP", "marketingEmail": false, "profiling": true}""")
                .body("POST /api/v1/clients/{id}/financials", """
                        {"month": "2026-01", "revenue": 120.50, "costToServe": 40, "averageBalance": 2500,
                         "transactionCount": 31, "transactionAmount": 1800}""")
                // a segment defined here would place the clients of later tests (SegmentsTest) in it
                .skip("POST /api/v1/segments")
                .skip("PUT /api/v1/segments/{id}")
                .run();
        assertThat(run.sent()).isGreaterThan(1_000);
        run.assertClean();
    }

    @Test
    void aNulInTheFullNameIsA400NamingIt() {
        String body = ClientRegistrationTest.clientJson("CB-" + UUID.randomUUID()).replace("Jana Nováková", "Jana\\u0000");
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/clients")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("fullName"))
                .body("violations[0].message", startsWith("must not contain the control character U+0000"));
    }

    @Test
    void aBirthDateBefore1900OrMoreThan120YearsAgoIsA400NamingIt() {
        for (String birthDate : new String[] { "-5000-01-01", "1899-12-31", LocalDate.now().minusYears(121).toString() }) {
            String body = ClientRegistrationTest.clientJson("CB-" + UUID.randomUUID()).replace("1985-03-14", birthDate);
            given().contentType(ContentType.JSON).body(body).when().post("/api/v1/clients")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("birthDate"));
        }
    }

    @Test
    void financialsOfAMonthBefore2000AreA400NamingTheMonth() {
        String clientId = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        for (String month : new String[] { "-5000-01", "1999-12" }) {
            given().contentType(ContentType.JSON)
                    .body("""
                            {"month": "%s", "revenue": 10, "costToServe": 5, "averageBalance": 100,
                             "transactionCount": 3, "transactionAmount": 50}""".formatted(month))
                    .when().post("/api/v1/clients/{id}/financials", clientId)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("month"));
        }
    }

    @Test
    void aNulInAQueryParameterIsA400NamingIt() {
        given().urlEncodingEnabled(false).when().get("/api/v1/clients?q=a%00b")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("q"));
    }
}
