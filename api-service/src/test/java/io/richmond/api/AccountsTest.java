package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.richmond.api.account.AccountsCommand;
import io.richmond.api.keyword.KeywordQueues;
import io.richmond.api.keyword.Keywords;
import io.richmond.testsupport.Fixtures;
import tools.jackson.databind.JsonNode;

/** Accounts see only their own SMS and callbacks; accounts are managed with the {@code accounts} command. */
class AccountsTest extends ApiTestBase {

    @Autowired
    private Keywords keywords;
    @Autowired
    private KeywordQueues keywordQueues;
    private String alice;
    private String bob;

    @BeforeEach
    void accounts() {
        alice = newAccount("alice");
        bob = newAccount("bob");
    }

    @Test
    void anotherAccountsSmsIsNotFoundAnywhere() {
        long id = ok(postForm(alice, "/api/v1/sms/clickatell/send.json", Fixtures.text("richmond/send_request.txt")))
                .get(0).get("id").asLong();

        assertThat(get(bob, "/api/v1/sms/clickatell/status/" + id + ".json").statusCode()).isEqualTo(404);
        assertThat(ok(get(bob, "/api/v1/sms/clickatell/status.json?id=" + id)).size()).isZero();
        assertThat(ok(get(bob, "/api/v1/sms/clickatell/status.json?since=2000-01-01")).size()).isZero();
        assertThat(ok(get(alice, "/api/v1/sms/clickatell/status.json?id=" + id)).size()).isEqualTo(1);
        assertThat(ok(get(alice, "/api/v1/sms/clickatell/status/" + id + ".json")).get("id").asLong()).isEqualTo(id);
    }

    @Test
    void anotherAccountsCallbacksAreNotFoundAnywhere() {
        long id = ok(postForm(alice, "/api/v1/account/callbacks.json", Fixtures.text(
                "richmond/callback_create_request.txt"))).get("id").asLong();
        String path = "/api/v1/account/callbacks/" + id + ".json";

        assertThat(ok(get(bob, "/api/v1/account/callbacks.json")).size()).isZero();
        assertThat(get(bob, path).statusCode()).isEqualTo(404);
        assertThat(putForm(bob, path, form("url", "http://evil.example/")).statusCode()).isEqualTo(404);
        assertThat(delete(bob, path).statusCode()).isEqualTo(404);
        // Bob's upsert makes Bob's own callbacks and leaves Alice's alone.
        ok(putForm(bob, "/api/v1/account/callbacks.json", form("sms_received", "http://bob.example/")));
        JsonNode alices = ok(get(alice, "/api/v1/account/callbacks.json"));
        assertThat(alices.size()).isEqualTo(1);
        assertThat(alices.get(0).get("url").asString()).isEqualTo("http://localhost/sms/clickatell/received/callback");
    }

    @Test
    void anIdempotencyKeyOfAnotherAccountIsAnotherKey() {
        String body = Fixtures.text("richmond/send_request.txt");
        long first = ok(postForm(alice, "/api/v1/sms/opera/send.json", body, "Idempotency-Key", "k1")).get(0)
                .get("id").asLong();
        long second = ok(postForm(bob, "/api/v1/sms/opera/send.json", body, "Idempotency-Key", "k1")).get(0)
                .get("id").asLong();

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aChangedPasswordTakesEffectAtTheNextRequestThoughTheOldOneWasJustAccepted() {
        String path = "/api/v1/account/callbacks.json";
        assertThat(get(alice, path).statusCode()).isEqualTo(200);
        assertThat(send(request(null, path).header("Authorization", basic(alice, "wrong")).GET()).statusCode())
                .isEqualTo(401);

        accounts.changePassword(alice, "changed");

        assertThat(get(alice, path).statusCode()).isEqualTo(401);
        assertThat(send(request(null, path).header("Authorization", basic(alice, "changed")).GET()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theAccountsCommandCreatesAccountsThatCanSend() {
        Run created = command("create", "carol", "s3cret");
        Run generated = command("create", "dave");
        Run duplicate = command("create", "carol", "other");
        Run limited = command("rate-limit", "carol", "5");
        Run routed = command("route", "27830000001", "carol");
        Run usage = command("frobnicate");

        assertThat(created.status).isZero();
        assertThat(generated.out).matches("(?s)created account dave \\(id \\d+\\) with password \\S{24}\\s*");
        assertThat(duplicate.status).isEqualTo(1);
        assertThat(duplicate.err).contains("exists already");
        assertThat(limited.status).isZero();
        assertThat(routed.status).isZero();
        assertThat(usage.status).isEqualTo(2);
        assertThat(send(request(null, "/api/v1/account/callbacks.json").header("Authorization",
                basic("carol", "s3cret")).GET()).headers().firstValue("RateLimit-Limit")).hasValue("5");
        assertThat(jdbc.queryForObject("select password_hash from account where username = 'carol'", String.class))
                .startsWith("$2a$");
        assertThat(jdbc.queryForMap("select a.username from number_route r join account a on a.id = r.account_id"
                + " where r.msisdn = '27830000001'")).isEqualTo(Map.of("username", "carol"));
    }

    private record Run(int status, String out, String err) {
    }

    private Run command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new AccountsCommand(accounts, keywords, keywordQueues).run(List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Function<ByteArrayOutputStream, String> text = stream -> stream.toString(StandardCharsets.UTF_8);
        return new Run(status, text.apply(out), text.apply(err));
    }
}
