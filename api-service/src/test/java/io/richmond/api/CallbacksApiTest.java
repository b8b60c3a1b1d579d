package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.richmond.testsupport.Fixtures;
import tools.jackson.databind.JsonNode;

/** The README's callback examples and the original URLCallbackHandlerTestCase tests. */
class CallbacksApiTest extends ApiTestBase {

    private static final String PATH = "/api/v1/account/callbacks.json";

    private String user;

    @BeforeEach
    void account() {
        user = newAccount("callbacks");
    }

    @Test
    void settingCallbackUrlsTheMay2010WayAnswersTheReadmeShape() {
        JsonNode answer = ok(putForm(user, PATH, Fixtures.text("richmond/callbacks_put_legacy_request.txt")));

        JsonNode documented = JSON.readTree(Fixtures.text("richmond/callbacks_put_legacy_response.json"));
        assertThat(answer.size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(answer.get(i).propertyNames()).containsAll(documented.get(i).propertyNames());
            assertThat(answer.get(i).get("name")).isEqualTo(documented.get(i).get("name"));
            assertThat(answer.get(i).get("url")).isEqualTo(documented.get(i).get("url"));
            assertThat(answer.get(i).get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        }
        assertThat(count()).isEqualTo(2);

        // Again: each name keeps one URL, now the new one.
        ok(putForm(user, PATH, form("sms_received", "http://localhost/new")));
        assertThat(count()).isEqualTo(2);
        assertThat(urls()).containsExactly("http://localhost/new",
                "http://localhost/sms/clickatell/receipt/callback");
    }

    @Test
    void settingCallbackUrlTheJuly2010WayAnswersTheReadmeShape() {
        JsonNode first = ok(postForm(user, PATH, Fixtures.text("richmond/callback_create_request.txt")));
        ok(postForm(user, PATH, form("name", "sms_receipt", "url", "http://localhost/receipt")));

        JsonNode documented = JSON.readTree(Fixtures.text("richmond/callback_create_response.json"));
        assertThat(first.propertyNames()).containsExactlyInAnyOrderElementsOf(documented.propertyNames());
        assertThat(first.get("name")).isEqualTo(documented.get("name"));
        assertThat(first.get("url")).isEqualTo(documented.get("url"));
        assertThat(first.get("id").isIntegralNumber()).isTrue();
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void settingMultipleCallbackUrls() {
        for (String name : List.of("sms_received", "sms_received", "sms_receipt", "sms_receipt")) {
            ok(postJson(user, PATH, "{\"name\": \"" + name + "\", \"url\": \"http://localhost/" + count() + "\"}"));
        }

        assertThat(count()).isEqualTo(4);
    }

    @Test
    void updatingCallbackUrls() {
        long id = ok(postForm(user, PATH, Fixtures.text("richmond/callback_create_request.txt"))).get("id").asLong();

        JsonNode changed = ok(putForm(user, "/api/v1/account/callbacks/" + id + ".json",
                form("url", "http://localhost/changed")));
        JsonNode changedByJson = ok(putJson(user, "/api/v1/account/callbacks/" + id + ".json",
                "{\"url\": \"http://localhost/json\"}"));

        assertThat(changed.get("url").asString()).isEqualTo("http://localhost/changed");
        assertThat(changedByJson.get("url").asString()).isEqualTo("http://localhost/json");
        assertThat(ok(get(user, "/api/v1/account/callbacks/" + id + ".json")).get("url").asString())
                .isEqualTo("http://localhost/json");
    }

    @Test
    void deletingCallbackUrls() {
        long id = ok(postForm(user, PATH, Fixtures.text("richmond/callback_create_request.txt"))).get("id").asLong();

        HttpResponse<String> deleted = delete(user, "/api/v1/account/callbacks/" + id + ".json");

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(count()).isZero();
    }

    private int count() {
        return ok(get(user, PATH)).size();
    }

    private List<String> urls() {
        List<String> urls = new ArrayList<>();
        ok(get(user, PATH)).forEach(callback -> urls.add(callback.get("url").asString()));
        return urls;
    }
}
