package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bankcrm.client.ProductsBatchTest.body;
import static org.bankcrm.client.ProductsBatchTest.close;
import static org.bankcrm.client.ProductsBatchTest.open;
import static org.bankcrm.client.events.ClientEvents.LEFT;
import static org.bankcrm.client.events.ClientEvents.PRODUCT_CLOSED;
import static org.bankcrm.client.events.ClientEvents.PRODUCT_OPENED;
import static org.bankcrm.client.events.ClientEvents.RETURNED;
import static org.bankcrm.client.events.ClientEvents.SEGMENT_CHANGED;
import static org.bankcrm.client.events.ClientEvents.VALUE_CHANGED;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * POST /api/v1/products/batch on the real database: the cases a set-based write of the batch could get wrong (which
 * row a failure names, several changes of one client in one request, the events each client gets, and in what order).
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.INTEGRATION, Roles.ADMIN })
class ProductsBatchCasesTest {
    @Inject
    Pool pool;

    /** One outbox row of a client: its type, its data and the client's sequence number. */
    record Stored(String type, JsonNode data, long sequence) {
    }

    static ValidatableResponse post(List<String> changes) {
        return given().contentType(ContentType.JSON).body(body(changes)).when().post("/api/v1/products/batch").then();
    }

    static String register() {
        return ClientRegistrationTest.register("PBC-" + UUID.randomUUID());
    }

    /** The client's outbox rows written by its latest transaction, in the client's sequence order. */
    List<Stored> lastTransactionsEvents(String clientId) {
        var rows = pool.preparedQuery("""
                select event_type, payload::text, (extensions->>'sequence')::bigint, created_at from outbox_event
                where event_key = $1 order by 3""").execute(Tuple.of(clientId)).await().indefinitely();
        List<Stored> all = new ArrayList<>();
        List<OffsetDateTime> transactionStarts = new ArrayList<>();
        for (Row row : rows) {
            all.add(new Stored(row.getString(0), PublishedEvents.json(row.getString(1)), row.getLong(2)));
            transactionStarts.add(row.getOffsetDateTime(3));
        }
        // created_at is now() of the inserting transaction: the same for every row of one transaction
        OffsetDateTime last = transactionStarts.get(transactionStarts.size() - 1);
        List<Stored> mine = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (transactionStarts.get(i).isEqual(last)) {
                mine.add(all.get(i));
            }
        }
        return mine;
    }

    static List<String> types(List<Stored> events) {
        return events.stream().map(Stored::type).toList();
    }

    @Test
    void anErasedClientFailsTheWholeBatchWithA410AndTheIndexOfItsFirstRow() {
        String a = register();
        String gone = register();
        given().when().delete("/api/v1/clients/{id}", gone).then().statusCode(204);

        post(List.of(open(a, "CURRENT_ACCOUNT"), open(gone, "CURRENT_ACCOUNT"), open(a, "DEBIT_CARD"), open(gone, "MORTGAGE")))
                .statusCode(410).contentType("application/problem+json")
                .body("index", equalTo(1)).body("erasedAt", notNullValue());
        given().when().get("/api/v1/clients/{id}/products", a).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void aClientsRowsAreCheckedBeforeTheNextClientSoTheFirstFailureInThatOrderIsAnswered() {
        String a = register();
        String unknown = UUID.randomUUID().toString();
        // row 1 names a client not known, but row 2, a's second change, fails first: a's rows come before the next client's
        post(List.of(open(a, "CURRENT_ACCOUNT"), open(unknown, "CURRENT_ACCOUNT"), close(a, UUID.randomUUID().toString(), "2025-01-01")))
                .statusCode(404).contentType("application/problem+json").body("index", equalTo(2));
        post(List.of(open(a, "CURRENT_ACCOUNT"), open(unknown, "CURRENT_ACCOUNT"), open(a, "DEBIT_CARD")))
                .statusCode(404).body("index", equalTo(1));
        // a closing date before the product was opened: 400 naming closedAt, with the row
        String account = ProductsTest.open(a, "CURRENT_ACCOUNT");
        post(List.of(open(a, "DEBIT_CARD"), close(a, account, "2020-01-01")))
                .statusCode(400).contentType("application/problem+json").body("index", equalTo(1))
                .body("violations.field", contains("closedAt"));
        given().when().get("/api/v1/clients/{id}/products", a).then().statusCode(200)
                .body("id", contains(account)).body("open", contains(true));
    }

    @Test
    void aOneOfAKindProductTwiceInOneRequestIsA409AtTheSecondAndNothingIsStored() {
        String a = register();
        String b = register();
        var conflict = post(List.of(open(a, "PREMIUM_PACKAGE"), open(b, "PREMIUM_PACKAGE"), open(a, "CURRENT_ACCOUNT"),
                open(a, "PREMIUM_PACKAGE")))
                .statusCode(409).contentType("application/problem+json").body("index", equalTo(3))
                .body("existingId", notNullValue()).extract();
        // the one it names was opened by row 0 of the same request, and went with it
        String existing = conflict.path("existingId");
        given().when().get("/api/v1/clients/{id}/products", a).then().statusCode(200).body("", hasSize(0));
        given().when().get("/api/v1/clients/{id}/products", b).then().statusCode(200).body("", hasSize(0));
        assertThat(pool.preparedQuery("select count(*) from held_product where id = $1").execute(Tuple.of(UUID.fromString(existing)))
                .await().indefinitely().iterator().next().getLong(0)).isZero();

        // one each for two clients is no conflict
        post(List.of(open(a, "PREMIUM_PACKAGE"), open(b, "PREMIUM_PACKAGE"))).statusCode(201).body("count", equalTo(2));
    }

    @Test
    void aOneOfAKindProductClosedAndOpenedAgainInOneRequestIsATariffChange() {
        String a = register();
        List<String> held = post(List.of(open(a, "CURRENT_ACCOUNT"), open(a, "PREMIUM_PACKAGE"))).statusCode(201)
                .extract().path("products");
        String today = LocalDate.now().toString();

        List<String> changed = post(List.of(close(a, held.get(1), today), open(a, "PREMIUM_PACKAGE"))).statusCode(201)
                .body("count", equalTo(2)).extract().path("products");
        assertThat(changed.get(0)).isEqualTo(held.get(1));
        given().when().get("/api/v1/clients/{id}/products", a).then().statusCode(200)
                .body("id", contains(held.get(0), held.get(1), changed.get(1))).body("open", contains(true, false, true));

        List<Stored> events = lastTransactionsEvents(a);
        assertThat(types(events).subList(0, 2)).containsExactly(PRODUCT_CLOSED, PRODUCT_OPENED);
        assertThat(events.get(0).data().get("productId").asText()).isEqualTo(held.get(1));
        assertThat(events.get(0).data().get("closedAt").asText()).isEqualTo(today);
        assertThat(events.get(0).data().get("heldProductTypes").toString()).isEqualTo("[\"CURRENT_ACCOUNT\"]");
        assertThat(events.get(1).data().get("productId").asText()).isEqualTo(changed.get(1));
        assertThat(events.get(1).data().get("heldProductTypes").toString()).isEqualTo("[\"CURRENT_ACCOUNT\",\"PREMIUM_PACKAGE\"]");
        // the client still held an account: no departure
        assertThat(types(events)).doesNotContain(LEFT, RETURNED);
    }

    @Test
    void closingTheLastProductAndOpeningAnotherInOneRequestIsADepartureThenAReturn() {
        String a = register();
        String account = ProductsTest.open(a, "CURRENT_ACCOUNT");

        List<String> changed = post(List.of(close(a, account, "2025-01-10"), open(a, "DEBIT_CARD"))).statusCode(201)
                .extract().path("products");

        List<Stored> events = lastTransactionsEvents(a);
        assertThat(types(events).subList(0, 4)).containsExactly(PRODUCT_CLOSED, LEFT, PRODUCT_OPENED, RETURNED);
        assertThat(events.get(0).data().get("heldProductTypes").toString()).isEqualTo("[]");
        assertThat(events.get(1).data().get("reason").asText()).isEqualTo("ALL_PRODUCTS_CLOSED");
        assertThat(events.get(1).data().get("leftAt").asText()).startsWith("2025-01-10T00:00");
        assertThat(events.get(2).data().get("productId").asText()).isEqualTo(changed.get(1));
        // opened on 2024-05-02, before the departure: the return is never before it
        assertThat(events.get(3).data().get("returnedAt").asText()).startsWith("2025-01-10T00:00");
        assertThat(types(events).subList(4, events.size())).isSubsetOf(SEGMENT_CHANGED, VALUE_CHANGED).doesNotHaveDuplicates();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).sequence()).isEqualTo(events.get(i - 1).sequence() + 1);
        }
        given().when().get("/api/v1/clients/{id}", a).then().body("leftAt", nullValue()).body("leftReason", nullValue());
        given().when().get("/api/v1/clients/{id}/departure", a).then().statusCode(404);
    }

    @Test
    void eachClientsSegmentsAndValueAreRecomputedOnceAfterItsProductsWhateverTheRowsOrder() {
        String a = register();
        String b = register();
        // born 1985 with a middle income: a mortgage puts each in YOUNG_FAMILIES, and every product moves the value
        post(List.of(open(a, "MORTGAGE"), open(b, "MORTGAGE"), open(a, "INSURANCE"), open(b, "SAVINGS_ACCOUNT"),
                open(a, "SAVINGS_ACCOUNT"))).statusCode(201);

        List<Stored> ofA = lastTransactionsEvents(a);
        assertThat(types(ofA)).containsExactly(PRODUCT_OPENED, PRODUCT_OPENED, PRODUCT_OPENED, SEGMENT_CHANGED, VALUE_CHANGED);
        assertThat(ofA).extracting(e -> e.data().path("heldProductTypes").toString()).startsWith(
                "[\"MORTGAGE\"]", "[\"MORTGAGE\",\"INSURANCE\"]", "[\"SAVINGS_ACCOUNT\",\"MORTGAGE\",\"INSURANCE\"]");
        assertThat(ofA.get(3).data().get("joined").toString()).contains("YOUNG_FAMILIES");
        List<Stored> ofB = lastTransactionsEvents(b);
        assertThat(types(ofB)).containsExactly(PRODUCT_OPENED, PRODUCT_OPENED, SEGMENT_CHANGED, VALUE_CHANGED);
        for (List<Stored> events : List.of(ofA, ofB)) {
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).sequence()).isEqualTo(events.get(i - 1).sequence() + 1);
            }
        }
        given().when().get("/api/v1/clients/{id}", a).then().body("segments", hasItem("YOUNG_FAMILIES"));
        JsonNode value = ofA.get(4).data();
        given().when().get("/api/v1/clients/{id}/value", a).then().statusCode(200)
                .body("quadrant", equalTo(value.get("quadrant").asText()))
                .body("strategy", equalTo(value.get("strategy").asText()));
    }
}
