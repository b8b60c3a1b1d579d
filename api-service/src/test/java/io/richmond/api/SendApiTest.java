package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;
import io.richmond.testsupport.Fixtures;
import tools.jackson.databind.JsonNode;

/**
 * The README's curl session for sending and status, and the original API tests of protocols.md §4.5 for sending
 * and status, on both gateways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendApiTest extends ApiTestBase {

    @Autowired
    private MessageCodec codec;
    private TestQueues queues;
    private String user;

    @BeforeAll
    void connect() {
        queues = new TestQueues();
    }

    @AfterAll
    void disconnect() throws Exception {
        queues.close();
    }

    @BeforeEach
    void account() {
        user = newAccount("api");
        for (String gw : List.of("clickatell", "opera")) {
            queues.purge(queue(gw + ".outbound"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clickatell", "opera"})
    void sendingOneSmsAnswersTheReadmeShapeAndPublishesItToTheTransport(String gw) {
        JsonNode answer = ok(postForm(user, "/api/v1/sms/" + gw + "/send.json",
                Fixtures.text("richmond/send_request.txt")));

        JsonNode documented = JSON.readTree(Fixtures.text("richmond/send_response.json"));
        assertThat(answer.size()).isEqualTo(1);
        JsonNode sms = answer.get(0);
        assertThat(names(sms)).containsAll(names(documented.get(0)));
        assertThat(sms.get("id").isIntegralNumber()).isTrue();
        assertThat(sms.get("to_msisdn").asString()).isEqualTo("27123456789");
        assertThat(sms.get("from_msisdn").asString()).isEqualTo("27123456789");
        assertThat(sms.get("message").asString()).isEqualTo("hello world");
        assertThat(sms.get("transport_status").isNumber()).isTrue();
        assertThat(sms.get("transport_status").asInt()).isZero();
        assertThat(sms.get("delivered_at").isNull()).isTrue();
        assertThat(sms.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(sms.get("status").asString()).isEqualTo("queued");
        assertThat(sms.get("encoding").asString()).isEqualTo("GSM-7");
        assertThat(sms.get("segments").asInt()).isEqualTo(1);

        long id = sms.get("id").asLong();
        UserMessage published = codec.decode(queues.take(queue(gw + ".outbound"), 1, DEADLINE).get(0),
                UserMessage.class);
        Map<String, Object> row = jdbc.queryForMap("select message_id, account_id from sent_sms where id = ?", id);
        assertThat(published.messageId()).isEqualTo(row.get("message_id"));
        assertThat(published.toAddr()).isEqualTo("27123456789");
        assertThat(published.fromAddr()).isEqualTo("27123456789");
        assertThat(published.content()).isEqualTo("hello world");
        assertThat(published.transportName()).isEqualTo(testName + "_" + gw);
        assertThat(published.transportType()).isEqualTo("sms");
        assertThat(published.sessionEvent()).isNull();
        Map<?, ?> richmond = (Map<?, ?>) published.helperMetadata().get("richmond");
        assertThat(((Number) richmond.get("sms_id")).longValue()).isEqualTo(id);
        assertThat(((Number) richmond.get("account_id")).longValue()).isEqualTo(row.get("account_id"));
        await().atMost(DEADLINE).until(() -> jdbc.queryForObject(
                "select published_at is not null from sent_sms where id = ?", Boolean.class, id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"clickatell", "opera"})
    void sendingToSeveralRecipientsCreatesOneSmsEach(String gw) {
        JsonNode answer = ok(postForm(user, "/api/v1/sms/" + gw + "/send.json",
                Fixtures.text("richmond/send_batch_request.txt")));

        assertThat(answer.size()).isEqualTo(3);
        assertThat(field(answer, "to_msisdn")).containsExactly("27123456780", "27123456781", "27123456782");
        assertThat(field(answer, "message")).containsOnly("hello world");
        assertThat(rows(user)).isEqualTo(3);
        List<String> published = queues.take(queue(gw + ".outbound"), 3, DEADLINE).stream()
                .map(body -> codec.decode(body, UserMessage.class).toAddr()).toList();
        assertThat(published).containsExactlyInAnyOrder("27123456780", "27123456781", "27123456782");
    }

    @ParameterizedTest
    @ValueSource(strings = {"clickatell", "opera"})
    void aTemplateIsFilledInForEachRecipient(String gw) {
        JsonNode answer = ok(postForm(user, "/api/v1/sms/" + gw + "/template_send.json",
                Fixtures.text("richmond/template_send_request.txt")));

        JsonNode documented = JSON.readTree(Fixtures.text("richmond/template_send_response.json"));
        assertThat(answer.size()).isEqualTo(3);
        assertThat(field(answer, "message")).containsExactlyInAnyOrderElementsOf(field(documented, "message"));
        assertThat(field(answer, "message")).containsExactly("Hello Simon de Haan", "Hello Jack Jill",
                "Hello Foo Bar");
        assertThat(names(answer.get(0))).containsAll(names(documented.get(0)));
        assertThat(rows(user)).isEqualTo(3);
    }

    @Test
    void theOriginalTemplateTestWithFirstAndLastNames() {
        JsonNode answer = ok(postForm(user, "/api/v1/sms/clickatell/template_send.json", form(
                "to_msisdn", "27123456789", "to_msisdn", "27123456788", "to_msisdn", "27123456787",
                "from_msisdn", "27123456789",
                "template_first_name", "Simon", "template_last_name", "de Haan",
                "template_first_name", "Jack", "template_last_name", "Jill",
                "template_first_name", "Foo", "template_last_name", "Bar",
                "template", "Hello {{first_name}} {{last_name}} & co")));

        assertThat(field(answer, "message")).containsExactly("Hello Simon de Haan & co", "Hello Jack Jill & co",
                "Hello Foo Bar & co");
    }

    @Test
    void aJsonBodyWorksLikeTheForm() {
        JsonNode sent = ok(postJson(user, "/api/v1/sms/opera/send.json",
                "{\"to_msisdn\": [\"27123456780\", \"+27123456781\"], \"from_msisdn\": \"27123456789\","
                        + " \"message\": \"hello world\"}"));
        JsonNode templated = ok(postJson(user, "/api/v1/sms/opera/template_send.json",
                "{\"to_msisdn\": \"27123456780\", \"from_msisdn\": \"27123456789\", \"template\": \"Hi {{name}}\","
                        + " \"template_name\": [\"Ann\"]}"));

        assertThat(field(sent, "to_msisdn")).containsExactly("27123456780", "+27123456781");
        assertThat(field(templated, "message")).containsExactly("Hi Ann");
    }

    @ParameterizedTest
    @ValueSource(strings = {"clickatell", "opera"})
    void oneStatusHasTheDocumentedFields(String gw) {
        long id = ok(postForm(user, "/api/v1/sms/" + gw + "/send.json", form("to_msisdn", "27123456789",
                "from_msisdn", "27123456780", "message", "testing api"))).get(0).get("id").asLong();

        JsonNode status = ok(get(user, "/api/v1/sms/" + gw + "/status/" + id + ".json"));

        JsonNode documented = JSON.readTree(Fixtures.text("richmond/status_response.json"));
        assertThat(names(status)).containsAll(names(documented));
        assertThat(status.get("id").asLong()).isEqualTo(id);
        assertThat(status.get("to_msisdn").asString()).isEqualTo("27123456789");
        assertThat(status.get("from_msisdn").asString()).isEqualTo("27123456780");
        assertThat(status.get("message").asString()).isEqualTo("testing api");
        assertThat(status.get("transport_status").asInt()).isZero();
        assertThat(status.get("transport_status_display").asString()).isEmpty();
        assertThat(status.get("delivered_at").isNull()).isTrue();
        assertThat(status.get("receipts").isArray()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"clickatell", "opera"})
    void statusSinceADateListsEverySmsUpdatedSinceNewestFirst(String gw) {
        for (int i = 0; i < 5; i++) {
            List<String> pairs = new ArrayList<>(List.of("from_msisdn", "27123456789", "message", "hello world"));
            for (int j = 0; j < 10; j++) {
                pairs.addAll(List.of("to_msisdn", "2712345" + String.format("%04d", i * 10 + j)));
            }
            ok(postForm(user, "/api/v1/sms/" + gw + "/send.json", form(pairs.toArray(String[]::new))));
        }
        long old = ok(postForm(user, "/api/v1/sms/" + gw + "/send.json", form("to_msisdn", "27123456789",
                "from_msisdn", "27123456789", "message", "hello world"))).get(0).get("id").asLong();
        jdbc.update("update sent_sms set created_at = '2009-05-14 00:00:00+00', updated_at = '2009-05-14 00:00:00+00'"
                + " where id = ?", old);

        JsonNode since2009 = ok(get(user, "/api/v1/sms/" + gw + "/status.json?since=2009-01-01"));
        JsonNode lastMonth = ok(get(user, "/api/v1/sms/" + gw + "/status.json"));
        JsonNode fromFifty = ok(get(user, "/api/v1/sms/" + gw + "/status.json?since=2009-01-01&start=50"));
        JsonNode sinceTime = ok(get(user, "/api/v1/sms/" + gw + "/status.json?since=2009-05-14%2000:00:01"));

        assertThat(since2009.size()).isEqualTo(51);
        assertThat(lastMonth.size()).isEqualTo(50);
        assertThat(sinceTime.size()).isEqualTo(50);
        assertThat(fromFifty.size()).isEqualTo(1);
        assertThat(fromFifty.get(0).get("id").asLong()).isEqualTo(old);
        List<Long> ids = new ArrayList<>();
        since2009.forEach(sms -> ids.add(sms.get("id").asLong()));
        assertThat(ids.subList(0, 50)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(since2009.get(0).get("created_at").asString()).isNotEqualTo("2009-05-14 00:00:00");
    }

    @Test
    void statusAnswersAtMostOneHundredAndABatchOfAHundredIsOneRequest() {
        List<String> pairs = new ArrayList<>(List.of("from_msisdn", "27123456789", "message", "hello world"));
        for (int i = 0; i < 120; i++) {
            pairs.addAll(List.of("to_msisdn", "2782" + String.format("%07d", i)));
        }
        JsonNode sent = ok(postForm(user, "/api/v1/sms/clickatell/send.json", form(pairs.toArray(String[]::new))));

        assertThat(sent.size()).isEqualTo(120);
        assertThat(ok(get(user, "/api/v1/sms/clickatell/status.json")).size()).isEqualTo(100);
        assertThat(ok(get(user, "/api/v1/sms/clickatell/status.json?start=100")).size()).isEqualTo(20);
        assertThat(queues.take(queue("clickatell.outbound"), 120, DEADLINE)).hasSize(120);
    }

    @ParameterizedTest
    @ValueSource(strings = {"clickatell", "opera"})
    void statusByIdsAnswersThoseSms(String gw) {
        JsonNode sent = ok(postForm(user, "/api/v1/sms/" + gw + "/send.json",
                Fixtures.text("richmond/send_batch_request.txt")));
        long first = sent.get(0).get("id").asLong();
        long third = sent.get(2).get("id").asLong();

        JsonNode statuses = ok(get(user, "/api/v1/sms/" + gw + "/status.json?id=" + first + "&id=" + third));

        List<Long> ids = new ArrayList<>();
        statuses.forEach(sms -> ids.add(sms.get("id").asLong()));
        assertThat(ids).containsExactly(third, first);
        assertThat(names(statuses.get(0))).containsAll(names(JSON.readTree(
                Fixtures.text("richmond/status_response.json"))));
    }

    @Test
    void aStatusOfAnotherGatewayIsNotFound() {
        long id = ok(postForm(user, "/api/v1/sms/clickatell/send.json", Fixtures.text("richmond/send_request.txt")))
                .get(0).get("id").asLong();

        assertThat(get(user, "/api/v1/sms/opera/status/" + id + ".json").statusCode()).isEqualTo(404);
    }

    private int rows(String username) {
        return jdbc.queryForObject("select count(*) from sent_sms where account_id = ?", Integer.class,
                accountId(username));
    }

    private static Set<String> names(JsonNode object) {
        return new TreeSet<>(object.propertyNames());
    }

    private static List<String> field(JsonNode list, String name) {
        List<String> values = new ArrayList<>();
        list.forEach(item -> values.add(item.get(name).asString()));
        return values;
    }

}
