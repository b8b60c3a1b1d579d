package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.richmond.testsupport.Fixtures;
import tools.jackson.databind.JsonNode;

/**
 * 60 requests per 60 s per account, then 429; an Idempotency-Key replays its first answer to the same request and
 * refuses another request with 422.
 */
class RateLimitAndIdempotencyTest extends ApiTestBase {

    @Test
    void theSixtyFirstRequestInAWindowAnswers429WithRetryAfter() {
        String limited = "limited-" + System.nanoTime();
        accounts.create(limited, PASSWORD, null);
        String other = newAccount("other");

        for (int i = 1; i <= 60; i++) {
            HttpResponse<String> answer = get(limited, "/api/v1/account/callbacks.json");
            assertThat(answer.statusCode()).as("request %d", i).isEqualTo(200);
            assertThat(answer.headers().firstValue("RateLimit-Limit")).hasValue("60");
            assertThat(answer.headers().firstValue("RateLimit-Remaining")).hasValue(String.valueOf(60 - i));
            assertThat(Long.parseLong(answer.headers().firstValue("RateLimit-Reset").orElseThrow()))
                    .isBetween(1L, 60L);
        }
        HttpResponse<String> over = get(limited, "/api/v1/sms/clickatell/status.json");

        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(over.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(json(over).get("message").asString()).contains("more than 60 requests");
        assertThat(get(other, "/api/v1/account/callbacks.json").statusCode()).as("another account").isEqualTo(200);
    }

    @Test
    void theSameIdempotencyKeyReturnsTheFirstAnswerAndCreatesNothing() {
        String user = newAccount("idem");
        String body = Fixtures.text("richmond/send_batch_request.txt");

        HttpResponse<String> first = postForm(user, "/api/v1/sms/clickatell/send.json", body, "Idempotency-Key",
                "batch-1");
        HttpResponse<String> again = postForm(user, "/api/v1/sms/clickatell/send.json", body, "Idempotency-Key",
                "batch-1");
        HttpResponse<String> otherKey = postForm(user, "/api/v1/sms/clickatell/send.json", body, "Idempotency-Key",
                "batch-2");
        HttpResponse<String> template = postForm(user, "/api/v1/sms/clickatell/template_send.json",
                Fixtures.text("richmond/template_send_request.txt"), "Idempotency-Key", "template-1");
        HttpResponse<String> templateAgain = postForm(user, "/api/v1/sms/clickatell/template_send.json",
                Fixtures.text("richmond/template_send_request.txt"), "Idempotency-Key", "template-1");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(templateAgain.body()).isEqualTo(template.body());
        JsonNode fresh = ok(otherKey);
        assertThat(fresh.get(0).get("id").asLong()).isNotEqualTo(json(first).get(0).get("id").asLong());
        assertThat(jdbc.queryForObject("select count(*) from sent_sms where account_id = ?", Integer.class,
                accountId(user))).isEqualTo(9);
    }

    @Test
    void anExpiredIdempotencyKeyIsANewRequest() {
        String user = newAccount("expired");
        String body = Fixtures.text("richmond/send_request.txt");
        long first = ok(postForm(user, "/api/v1/sms/opera/send.json", body, "Idempotency-Key", "old")).get(0)
                .get("id").asLong();
        jdbc.update("update idempotency_key set created_at = now() - interval '25 hours'");

        long second = ok(postForm(user, "/api/v1/sms/opera/send.json", body, "Idempotency-Key", "old")).get(0)
                .get("id").asLong();

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRequestAnswers422AndSendsNothing() {
        String user = newAccount("reused");
        String body = form("to_msisdn", "27123456789", "from_msisdn", "27123456789", "message", "hello");
        HttpResponse<String> first = postForm(user, "/api/v1/sms/opera/send.json", body, "Idempotency-Key", "k-1");
        ok(first);

        List<HttpResponse<String>> others = List.of(
                postForm(user, "/api/v1/sms/clickatell/send.json", body, "Idempotency-Key", "k-1"),
                postForm(user, "/api/v1/sms/opera/send.json", form("to_msisdn", "27123456789", "from_msisdn",
                        "27123456789", "message", "hello again"), "Idempotency-Key", "k-1"),
                postForm(user, "/api/v1/sms/opera/send.json", form("to_msisdn", "27123456780", "from_msisdn",
                        "27123456789", "message", "hello"), "Idempotency-Key", "k-1"),
                postForm(user, "/api/v1/sms/opera/send.json", body + "&to_msisdn=27123456780", "Idempotency-Key",
                        "k-1"),
                postForm(user, "/api/v1/sms/opera/template_send.json", form("to_msisdn", "27123456789",
                        "from_msisdn", "27123456789", "template", "hello"), "Idempotency-Key", "k-1"));

        for (HttpResponse<String> other : others) {
            assertThat(other.statusCode()).as(other.body()).isEqualTo(422);
            JsonNode error = json(other);
            assertThat(error.get("error").asString()).isEqualTo("Unprocessable Content");
            assertThat(error.get("field").asString()).isEqualTo("Idempotency-Key");
            assertThat(error.get("message").asString()).contains("'k-1'", "another request");
        }
        HttpResponse<String> again = postForm(user, "/api/v1/sms/opera/send.json", body, "Idempotency-Key", "k-1");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(jdbc.queryForObject("select count(*) from sent_sms where account_id = ?", Integer.class,
                accountId(user))).isEqualTo(1);
    }

    @Test
    void theSameSmsAskedForInJsonIsTheSameRequest() {
        String user = newAccount("json-replay");
        HttpResponse<String> first = postForm(user, "/api/v1/sms/clickatell/send.json", form("to_msisdn",
                "27123456789", "from_msisdn", "27123456789", "message", "hello"), "Idempotency-Key", "k-2");

        HttpResponse<String> again = postJson(user, "/api/v1/sms/clickatell/send.json", "{\"to_msisdn\": "
                + "[\"27123456789\"], \"from_msisdn\": \"27123456789\", \"message\": \"hello\"}",
                "Idempotency-Key", "k-2");

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
    }

    @Test
    void anotherAccountsKeyIsUnrelated() {
        String user = newAccount("first");
        String other = newAccount("second");
        ok(postForm(user, "/api/v1/sms/clickatell/send.json", form("to_msisdn", "27123456789", "from_msisdn",
                "27123456789", "message", "mine"), "Idempotency-Key", "shared"));

        JsonNode theirs = ok(postForm(other, "/api/v1/sms/opera/send.json", form("to_msisdn", "27123456780",
                "from_msisdn", "27123456780", "message", "theirs"), "Idempotency-Key", "shared"));

        assertThat(theirs.get(0).get("message").asString()).isEqualTo("theirs");
        assertThat(jdbc.queryForObject("select count(*) from sent_sms where account_id = ?", Integer.class,
                accountId(other))).isEqualTo(1);
    }

    @Test
    void aKeyStoredWithoutAFingerprintReplaysAsBefore() {
        String user = newAccount("old-key");
        String first = ok(postForm(user, "/api/v1/sms/clickatell/send.json", form("to_msisdn", "27123456789",
                "from_msisdn", "27123456789", "message", "before the upgrade"), "Idempotency-Key", "old")).toString();
        jdbc.update("update idempotency_key set request_hash = null where account_id = ?", accountId(user));

        JsonNode again = ok(postForm(user, "/api/v1/sms/opera/send.json", form("to_msisdn", "27123456789",
                "from_msisdn", "27123456789", "message", "after it"), "Idempotency-Key", "old"));

        assertThat(again.toString()).isEqualTo(first);
    }
}
