package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.InputLimitChecks;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The platform's input limits, as this service answers them over real HTTP. */
@QuarkusTest
@CallsAs({ Roles.CHANNEL, Roles.INTEGRATION })
@QuarkusTestResource(CrmTestResource.class)
class InputLimitsTest {
    @Test
    void anUnknownFieldInARequestIsA400NamingIt() {
        InputLimitChecks.assertUnknownFieldIsRejected("/api/v1/clients",
                ClientRegistrationTest.clientJson("CB-" + UUID.randomUUID()), "nickname");
    }

    @Test
    void anUnknownNestedFieldIsNamedWithItsPath() {
        String body = ClientRegistrationTest.clientJson("CB-" + UUID.randomUUID())
                .replace("\"profiling\": true", "\"profiling\": true, \"marketingFax\": true");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/clients")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("consents.marketingFax"));
    }

    @Test
    void aPageSizeAboveTheMaximumIsA400NamingSize() {
        InputLimitChecks.assertPageSizeIsLimited("/api/v1/clients", 100);
    }

    @Test
    void aBodyLargerThanTheLimitIsA413ProblemBeforeItIsRead() {
        InputLimitChecks.assertOversizedBodyIsRejected("/api/v1/clients");
    }

    @Test
    void aBatchOfAThousandClientsWithEveryFieldAtItsMaximumFitsTheLimit() {
        String batchId = UUID.randomUUID().toString().substring(0, 8);
        String fullName = "Ž".repeat(200);
        String domain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".org";
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String ref = ("CB-" + batchId + "-" + i + "-").concat("x".repeat(64)).substring(0, 64);
            String email = ("a" + i).concat("a".repeat(64)).substring(0, 64) + "@" + domain;
            clients.add("""
                    {"externalRef": "%s", "type": "INDIVIDUAL", "fullName": "%s", "birthDate": "1985-03-14",
                     "email": "%s", "phone": "+420601234567890", "incomeBracket": "UPPER_MIDDLE",
                     "customerSince": "2019-04-01", "preferredChannel": "INTERNET_BANK",
                     "occupation": "PUBLIC_SERVANT", "maritalStatus": "DIVORCED", "education": "SECONDARY",
                     "householdSize": 20, "dependants": 20,
                     "consents": {"marketingEmail": false, "marketingSms": false, "marketingPush": false,
                                  "marketingPhone": false, "profiling": false}}""".formatted(ref, fullName, email));
        }
        String batch = BulkLoadTest.batch(clients);
        long bytes = batch.getBytes(StandardCharsets.UTF_8).length;
        assertThat(email(clients.get(0)).length()).isEqualTo(254);
        assertThat(bytes).as("bytes of the largest batch").isLessThan(maxBodySize());

        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(batch.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/clients:batch")
                .then().statusCode(201)
                .body("count", equalTo(1000));
        System.out.printf("largest batch of 1,000 clients: %d bytes, limit %d%n", bytes, maxBodySize());
    }

    private static String email(String client) {
        int at = client.indexOf("\"email\": \"") + 10;
        return client.substring(at, client.indexOf('"', at));
    }

    private static long maxBodySize() {
        return InputLimitChecks.maxBodySize();
    }
}
