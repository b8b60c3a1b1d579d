package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.richmond.testsupport.Fixtures;
import tools.jackson.databind.JsonNode;

/** 60 requests per 60 s per account, then 429; an Idempotency-Key replays its first answer. */
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
}
