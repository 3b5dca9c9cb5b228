package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@TestProfile(IfMatchRequiredTest.RequireIfMatch.class)
@CallsAs(Roles.CHANNEL)
class IfMatchRequiredTest {

    public static class RequireIfMatch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.client.require-if-match", "true");
        }
    }

    @Test
    void whereTheBankRequiresIfMatchAChangeWithoutItIsA428AndWithItGoesThrough() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        ClientVersionTest.patch(id, null, "{\"fullName\": \"Jana Bez\"}").then().statusCode(428)
                .contentType("application/problem+json").body("status", equalTo(428));
        given().contentType(ContentType.JSON).body(ClientRegistrationTest.clientJson("CB-" + UUID.randomUUID()))
                .when().put("/api/v1/clients/{id}", id).then().statusCode(428);
        ClientVersionTest.patch(id, "\"1\"", "{\"fullName\": \"Jana S\"}").then().statusCode(200).header("ETag", "\"2\"");
        given().when().get("/api/v1/clients/{id}", id).then().body("fullName", equalTo("Jana S"));
    }
}
