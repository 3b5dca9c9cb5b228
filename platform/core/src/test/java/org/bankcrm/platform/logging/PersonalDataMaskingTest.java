package org.bankcrm.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PersonalDataMaskingTest {

    @ParameterizedTest
    @ValueSource(strings = { "anna.novak@example.com", "a_b+tag@mail.bank.co.uk", "X.Y-Z%1@sub-domain.example.org" })
    void emailAddressesAreMasked(String email) {
        assertThat(PersonalDataMasking.mask("client " + email + " registered")).isEqualTo("client [EMAIL] registered");
        assertThat(PersonalDataMasking.mask("<" + email + ">")).isEqualTo("<[EMAIL]>");
    }

    @ParameterizedTest
    @ValueSource(strings = { "+420601234567", "+44 20 7946 0958", "+1 (415) 555-0132", "+49-151-1234-5678",
            "+44 (0)20 7946 0958", "+33.6.12.34.56.78", "020 7946 0958", "07700 900123", "030-12345678",
            "0612345678", "06 12 34 56 78", "(415) 555-0132", "415-555-0132", "415.555.0132", "415 555 0132" })
    void phoneNumbersAreMasked(String phone) {
        assertThat(PersonalDataMasking.mask("call " + phone + ", then")).isEqualTo("call [PHONE], then");
        assertThat(PersonalDataMasking.mask("{\"phone\":\"" + phone + "\"}")).isEqualTo("{\"phone\":\"[PHONE]\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = { "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444",
            "378282246310005", "3782 822463 10005", "6011111111111117", "4222222222222", "2223003122003222" })
    void luhnValidCardNumbersAreMasked(String card) {
        assertThat(PersonalDataMasking.mask("card " + card + " declined")).isEqualTo("card [CARD] declined");
    }

    @Test
    void cardLikeNumbersThatFailLuhnStayReadable() {
        assertThat(PersonalDataMasking.mask("ref 4111111111111112 kept")).isEqualTo("ref 4111111111111112 kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "listening on http://0.0.0.0:8081",
            "connected to localhost:9092 and 127.0.0.1:15432",
            "outbox relay round failed (attempt 3), retrying in 4000 ms",
            "published 1000 events in 1234567 ns",
            "took PT0.5S, 0.25 s, 12.5 ms",
            "client 3f2c1a9e-8b7d-4c6e-9f01-23456789abcd erased",
            "event 42345678-1234-5234-6234-123456789012 applied",
            "event 123e4567-e89b-12d3-a456-426614174000 parked",
            "partition 2 offset 1234567890 lag 0",
            "at 2026-12-03T18:55:26.123456Z (epoch 1764788126123)",
            "epoch seconds 1764788126, nanos 123456789",
            "date 2026-12-03, month 2026-10, 03.12.2026",
            "Quarkus 3.33.2 on JVM 17.0.13+11, kafka-clients 4.1.2",
            "sha 0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c",
            "ip 192.168.100.200 and 10.0.0.1",
            "count=10000 size=1048576 max-body-size=10M",
            "error id 00000000000000000000",
            "amount 12345678.90 EUR, balance -1234567.00",
            "thread vert.x-eventloop-thread-1 #123456789",
            "batch 1,000,000 rows"
    })
    void ordinaryNumbersStayReadable(String line) {
        assertThat(PersonalDataMasking.mask(line)).isEqualTo(line);
    }

    @Test
    void severalKindsInOneLineAreAllMasked() {
        assertThat(PersonalDataMasking.mask("anna@example.com, +420 601 234 567, 4111 1111 1111 1111, port 8081"))
                .isEqualTo("[EMAIL], [PHONE], [CARD], port 8081");
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertThat(PersonalDataMasking.mask(null)).isNull();
        assertThat(PersonalDataMasking.mask("")).isEmpty();
    }
}
