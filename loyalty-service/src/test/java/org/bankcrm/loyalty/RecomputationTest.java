package org.bankcrm.loyalty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A full recomputation runs in the background and shows its progress until every client is done. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.ADMIN)
class RecomputationTest {

    @Test
    void aRecomputationRescoresEveryClientAndReportsItsProgress() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        LoyaltyChainTest.send(TestEvents.registered(first, LocalDate.now().minusYears(2)));
        LoyaltyChainTest.send(TestEvents.registered(second, LocalDate.now().minusYears(5)));
        await().atMost(Duration.ofSeconds(30)).until(() -> LoyaltyChainTest.eventsApplied(first) == 1
                && LoyaltyChainTest.eventsApplied(second) == 1);

        var started = given().when().post("/api/v1/loyalty/recomputations").then().statusCode(202)
                .header("Location", startsWith("http")).extract();
        String id = started.path("id");
        assertThat(started.<Integer>path("total")).isGreaterThanOrEqualTo(2);

        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(
                given().when().get("/api/v1/loyalty/recomputations/{id}", id).path("status")));
        JsonPath done = given().when().get("/api/v1/loyalty/recomputations/{id}", id).jsonPath();
        assertThat(done.getLong("done")).isEqualTo(done.getLong("total"));
        assertThat(done.getDouble("progress")).isEqualTo(1.0);
        assertThat(done.getString("finishedAt")).isNotNull();
    }

    @Test
    void anUnknownRecomputationIsA404Problem() {
        given().when().get("/api/v1/loyalty/recomputations/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
