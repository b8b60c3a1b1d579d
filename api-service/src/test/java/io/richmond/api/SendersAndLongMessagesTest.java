package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

/**
 * Every form of sender {@code from_msisdn} takes (msisdn, short code, alphanumeric sender ID), as a form and as
 * JSON, on both send operations; and messages of up to {@code max-segments} (10) segments. The refused forms are
 * in {@link BadInputTest}.
 */
class SendersAndLongMessagesTest extends ApiTestBase {

    private String user;

    @BeforeEach
    void account() {
        user = newAccount("senders");
    }

    @ParameterizedTest
    @ValueSource(strings = {"27123456789", "+27123456789", "123456789012345", "+1234567", "123", "12345678",
            "123456789", "Richmond", "MyShop 24", "ABCDEFGHIJK", "A", "Joe's-Shop.", "Q&A_2", "1 2 3 Go"})
    void everySenderFormIsAcceptedAndStoredAsGiven(String sender) {
        JsonNode form = ok(postForm(user, "/api/v1/sms/clickatell/send.json", form("to_msisdn", "27123456789",
                "from_msisdn", sender, "message", "hi")));
        JsonNode json = ok(postJson(user, "/api/v1/sms/opera/send.json", "{\"to_msisdn\": \"27123456789\","
                + " \"from_msisdn\": " + JSON.writeValueAsString(sender) + ", \"message\": \"hi\"}"));
        JsonNode template = ok(postForm(user, "/api/v1/sms/clickatell/template_send.json", form("to_msisdn",
                "27123456789", "from_msisdn", sender, "template", "Hi {{name}}", "template_name", "Ann")));

        for (JsonNode answer : new JsonNode[] {form, json, template}) {
            assertThat(answer.get(0).get("from_msisdn").asString()).isEqualTo(sender);
        }
        assertThat(jdbc.queryForList("select from_msisdn from sent_sms where account_id = ?", String.class,
                accountId(user))).containsExactly(sender, sender, sender);
    }

    @Test
    void aMessageOfTenSegmentsIsAcceptedInEitherEncoding() {
        JsonNode gsm = ok(postForm(user, "/api/v1/sms/clickatell/send.json", form("to_msisdn", "27123456789",
                "from_msisdn", "Richmond", "message", "a".repeat(10 * 153))));
        JsonNode ucs2 = ok(postForm(user, "/api/v1/sms/clickatell/send.json", form("to_msisdn", "27123456789",
                "from_msisdn", "Richmond", "message", "☺".repeat(10 * 67))));

        assertThat(gsm.get(0).get("encoding").asString()).isEqualTo("GSM-7");
        assertThat(gsm.get(0).get("segments").asInt()).isEqualTo(10);
        assertThat(ucs2.get(0).get("encoding").asString()).isEqualTo("UCS-2");
        assertThat(ucs2.get(0).get("segments").asInt()).isEqualTo(10);
    }

    @Test
    void aMessageOfElevenSegmentsIsRefusedNamingTheMessage() {
        JsonNode error = json(postForm(user, "/api/v1/sms/clickatell/send.json", form("to_msisdn", "27123456789",
                "from_msisdn", "Richmond", "message", "a".repeat(10 * 153 + 1))));

        assertThat(error.get("field").asString()).isEqualTo("message");
        assertThat(error.get("message").asString()).contains("takes 11 GSM-7 segments, at most 10 are allowed");
        assertThat(jdbc.queryForObject("select count(*) from sent_sms where account_id = ?", Integer.class,
                accountId(user))).isZero();
    }
}
