package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Issue #6 on the API's side: the SSRF guard, the format, the callback secret, the delivery log, redelivery. */
class CallbackDeliveriesTest extends ApiTestBase {

    private static final String PATH = "/api/v1/account/callbacks.json";

    private String user;

    @BeforeEach
    void account() {
        user = newAccount("deliveries");
    }

    @Test
    void urlsThatPointInsideAreRefusedWhenSaved() {
        for (String url : List.of("http://127.0.0.2/x", "http://169.254.169.254/latest/meta-data/",
                "http://[fd00:ec2::254]/", "http://10.1.2.3/", "http://[::1]:8080/", "http://0.0.0.0/")) {
            HttpResponse<String> answer = postForm(user, PATH, form("name", "sms_received", "url", url));
            assertThat(answer.statusCode()).as(url).isEqualTo(400);
            assertThat(json(answer).get("field").asString()).isEqualTo("url");
        }
        long id = ok(postForm(user, PATH, form("name", "sms_received", "url", "http://localhost/ok"))).get("id")
                .asLong();
        HttpResponse<String> changed = putForm(user, "/api/v1/account/callbacks/" + id + ".json",
                form("url", "http://192.168.0.1/"));
        assertThat(changed.statusCode()).isEqualTo(400);
        assertThat(json(changed).get("field").asString()).isEqualTo("url");
    }

    @Test
    void aUrlTakesAnOptionalFormat() {
        JsonNode plain = ok(postForm(user, PATH, form("name", "sms_received", "url", "http://localhost/a")));
        JsonNode json = ok(postForm(user, PATH, form("name", "sms_received", "url", "http://localhost/b",
                "format", "json")));
        HttpResponse<String> bad = postForm(user, PATH, form("name", "sms_received", "url", "http://localhost/c",
                "format", "xml"));

        assertThat(plain.has("format")).as("the original answer: multipart goes unsaid").isFalse();
        assertThat(json.get("format").asString()).isEqualTo("json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("field").asString()).isEqualTo("format");
        JsonNode changed = ok(putForm(user, "/api/v1/account/callbacks/" + plain.get("id").asLong() + ".json",
                form("format", "json")));
        assertThat(changed.get("format").asString()).isEqualTo("json");
        assertThat(changed.get("url").asString()).isEqualTo("http://localhost/a");
    }

    @Test
    void everyAccountHasACallbackSecretItCanRotate() {
        String first = ok(get(user, "/api/v1/account/callback_secret.json")).get("callback_secret").asString();
        String rotated = ok(postForm(user, "/api/v1/account/callback_secret.json", "")).get("callback_secret")
                .asString();

        assertThat(first).matches("[0-9a-f]{64}");
        assertThat(rotated).matches("[0-9a-f]{64}").isNotEqualTo(first);
        assertThat(ok(get(user, "/api/v1/account/callback_secret.json")).get("callback_secret").asString())
                .isEqualTo(rotated);
        assertThat(jdbc.queryForObject("select callback_secret from account where username = ?", String.class,
                user)).isEqualTo(rotated);
    }

    @Test
    void theDeliveryLogIsTheOwnersAndADeadDeliveryIsRedeliveredOnce() throws Exception {
        long account = accountId(user);
        long id = ok(postForm(user, PATH, form("name", "sms_received", "url", "http://localhost/r"))).get("id")
                .asLong();
        String delivery = "0123456789abcdef0123456789abcdef-" + id;
        String job = "{\"job_id\":\"0123456789abcdef0123456789abcdef\",\"account_id\":" + account
                + ",\"callback_name\":\"sms_received\",\"urls\":[{\"id\":" + id
                + ",\"url\":\"http://localhost/r\",\"format\":\"multipart\"}],\"fields\":{\"id\":\"1\"},"
                + "\"created_at\":\"2026-11-23 09:00:00\"}";
        // What callback-dispatcher writes for a delivery that got 404 twice and gave up.
        for (int attempt = 1; attempt <= 2; attempt++) {
            jdbc.update("insert into callback_attempt (delivery_id, job_id, account_id, callback_url_id, url, attempt,"
                    + " status_code, latency_ms, error, outcome, attempted_at) values (?, ?, ?, ?, ?, ?, 404, 12,"
                    + " 'HTTP 404', ?, now() + make_interval(secs => ?))", delivery,
                    "0123456789abcdef0123456789abcdef", account, id, "http://localhost/r", attempt,
                    attempt == 2 ? "dead" : "retrying", attempt);
        }
        jdbc.update("insert into callback_dead_delivery (delivery_id, account_id, callback_url_id, job, attempts,"
                + " last_error, dead_at) values (?, ?, ?, ?, 2, 'HTTP 404', now())", delivery, account, id, job);

        JsonNode log = ok(get(user, "/api/v1/account/callbacks/" + id + "/deliveries.json"));
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.get(0).get("outcome").asString()).isEqualTo("dead");
        assertThat(log.get(0).get("attempt").asInt()).isEqualTo(2);
        assertThat(log.get(0).get("status_code").asInt()).isEqualTo(404);
        assertThat(log.get(0).get("delivery_id").asString()).isEqualTo(delivery);
        assertThat(log.get(1).get("outcome").asString()).isEqualTo("retrying");

        String stranger = newAccount("stranger");
        assertThat(get(stranger, "/api/v1/account/callbacks/" + id + "/deliveries.json").statusCode())
                .isEqualTo(404);
        String redeliver = "/api/v1/account/callbacks/deliveries/" + delivery + "/redeliver.json";
        assertThat(postForm(stranger, redeliver, "").statusCode()).isEqualTo(404);

        try (TestQueues queues = new TestQueues()) {
            queues.purge(queue("callbacks.jobs"));
            JsonNode answer = ok(postForm(user, redeliver, ""));
            assertThat(answer.get("delivery_id").asString()).isEqualTo(delivery);
            byte[] published = queues.take(queue("callbacks.jobs"), 1, DEADLINE).get(0);
            assertThat(new String(published, StandardCharsets.UTF_8)).isEqualTo(job);
        }
        assertThat(postForm(user, redeliver, "").statusCode()).as("only once until it dies again").isEqualTo(404);
    }
}
