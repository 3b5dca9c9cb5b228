package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Requests on one client released together (a barrier), round after round, against the real database: each
 * rule must hold in every round, which the service without per-client serialisation broke in most rounds.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ADMIN, Roles.INTEGRATION })
class ConcurrencyTest {
    static final int ROUNDS = 10;

    /** Sends the requests at the same moment and returns their answers in the order given. */
    @SafeVarargs
    static List<Response> together(Supplier<Response>... requests) throws Exception {
        CyclicBarrier start = new CyclicBarrier(requests.length);
        ExecutorService threads = Executors.newFixedThreadPool(requests.length);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (Supplier<Response> request : requests) {
                answers.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return request.get();
                }));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get(30, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    static List<Integer> statuses(List<Response> responses) {
        return responses.stream().map(Response::statusCode).sorted().toList();
    }

    @Test
    void anErasureStaysFinalWhenAPatchOfTheClientArrivesAtTheSameTime() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
            List<Response> answers = together(
                    () -> given().when().delete("/api/v1/clients/{id}", id),
                    () -> given().contentType(ContentType.JSON)
                            .body("{\"fullName\": \"Karel Souběžný\", \"email\": \"karel.soubezny@example.org\"}")
                            .when().patch("/api/v1/clients/{id}", id));
            assertThat(answers.get(0).statusCode()).as("round %d: the erasure", round).isEqualTo(204);
            assertThat(answers.get(1).statusCode()).as("round %d: the patch", round).isIn(200, 410);

            given().when().get("/api/v1/clients/{id}", id).then().statusCode(410);
            given().contentType(ContentType.JSON).body("{\"fullName\": \"Karel Pozdní\"}")
                    .when().patch("/api/v1/clients/{id}", id).then().statusCode(410);
            given().contentType(ContentType.JSON).body("{\"type\": \"CURRENT_ACCOUNT\"}")
                    .when().post("/api/v1/clients/{id}/products", id).then().statusCode(410);
            given().queryParam("q", "karel.soubezny@example.org").when().get("/api/v1/clients").then()
                    .statusCode(200).body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
        }
    }

    @Test
    void twoRegistrationsWithOneExternalRefAtOnceAnswer201And409NamingTheClientRegistered() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String body = ClientRegistrationTest.clientJson("CB-" + UUID.randomUUID());
            Supplier<Response> register = () -> given().contentType(ContentType.JSON).body(body).when().post("/api/v1/clients");
            List<Response> answers = together(register, register);
            assertThat(statuses(answers)).as("round %d", round).containsExactly(201, 409);
            answers.sort(Comparator.comparingInt(Response::statusCode));
            assertThat(answers.get(1).contentType()).startsWith("application/problem+json");
            assertThat(answers.get(1).<String> path("existingId")).isEqualTo(answers.get(0).path("id"));
        }
    }

    @Test
    void oneMonthsFinancialsPostedTwiceAtOnceAnswer201And200Replaced() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
            String month = FinancialsAndValueTest.month(1);
            List<Response> answers = together(
                    () -> given().contentType(ContentType.JSON).body(FinancialsAndValueTest.figures(month, 40, 15))
                            .when().post("/api/v1/clients/{id}/financials", id),
                    () -> given().contentType(ContentType.JSON).body(FinancialsAndValueTest.figures(month, 45, 15))
                            .when().post("/api/v1/clients/{id}/financials", id));
            assertThat(statuses(answers)).as("round %d", round).containsExactly(200, 201);
            answers.sort(Comparator.comparingInt(Response::statusCode));
            assertThat(answers.get(0).<Boolean> path("replaced")).isTrue();
            assertThat(answers.get(1).<Boolean> path("replaced")).isFalse();
        }
    }

    @Test
    void aProductThatMayBeHeldOnceIsHeldOnceWhenOpenedTwiceAtOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
            Supplier<Response> open = () -> given().contentType(ContentType.JSON).body("{\"type\": \"PREMIUM_PACKAGE\"}")
                    .when().post("/api/v1/clients/{id}/products", id);
            List<Response> answers = together(open, open);
            assertThat(statuses(answers)).as("round %d", round).containsExactly(201, 409);
            answers.sort(Comparator.comparingInt(Response::statusCode));
            assertThat(answers.get(1).<String> path("existingId")).isEqualTo(answers.get(0).path("id"));
            List<String> held = given().when().get("/api/v1/clients/{id}", id).then().statusCode(200).extract().path("products");
            assertThat(held).containsExactly("PREMIUM_PACKAGE");
        }
    }

    @Test
    void threeProductsOpenedAtOnceArePublishedInOrderEachWithTheTypesHeldAfterIt() throws Exception {
        List<String> clients = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
            clients.add(id);
            List<Response> answers = together(open(id, "CURRENT_ACCOUNT"), open(id, "SAVINGS_ACCOUNT"), open(id, "CREDIT_CARD"));
            assertThat(statuses(answers)).as("round %d", round).containsExactly(201, 201, 201);
        }
        for (String id : clients) {
            var events = PublishedEvents.expect(id, "crm.client.product-opened", 3);
            List<String> held = new ArrayList<>();
            for (var event : events) {
                var data = PublishedEvents.json(event.value());
                held.add(data.get("productType").asText());
                List<String> published = new ArrayList<>();
                data.get("heldProductTypes").forEach(t -> published.add(t.asText()));
                assertThat(published).as("client %s: held after opening %s", id, data.get("productType"))
                        .containsExactlyInAnyOrderElementsOf(held);
            }
        }
    }

    private static Supplier<Response> open(String clientId, String type) {
        return () -> given().contentType(ContentType.JSON).body("{\"type\": \"%s\"}".formatted(type))
                .when().post("/api/v1/clients/{id}/products", clientId);
    }
}
