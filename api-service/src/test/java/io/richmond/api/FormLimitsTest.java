package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * A form can carry the documented maximum: {@code richmond.api.max-recipients} (1000) recipients with every other
 * field, and a template send's values for each of them; one recipient more is refused naming {@code to_msisdn}.
 */
class FormLimitsTest extends ApiTestBase {

    private static final int MAX_RECIPIENTS = 1000;

    private String user;

    @BeforeEach
    void account() {
        user = newAccount("forms");
    }

    @Test
    void aFormWithTheMostRecipientsIsSentToEachOfThem() {
        JsonNode sent = ok(postForm(user, "/api/v1/sms/clickatell/send.json", recipients(MAX_RECIPIENTS)
                + "&" + form("from_msisdn", "27123456789", "message", "hello everyone")));

        assertThat(sent.size()).isEqualTo(MAX_RECIPIENTS);
        assertThat(stored()).isEqualTo(MAX_RECIPIENTS);
    }

    @Test
    void oneRecipientMoreIsRefusedNamingToMsisdn() {
        HttpResponse<String> answer = postForm(user, "/api/v1/sms/clickatell/send.json",
                recipients(MAX_RECIPIENTS + 1) + "&" + form("from_msisdn", "27123456789", "message", "hello"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(json(answer).get("field").asString()).isEqualTo("to_msisdn");
        assertThat(json(answer).get("message").asString()).contains("1001 recipients, at most 1000");
        assertThat(stored()).isZero();
    }

    @Test
    void aTemplateSendWithTheMostRecipientsAndEightValuesEachIsSent() {
        String values = IntStream.rangeClosed(1, 8).mapToObj(variable -> IntStream.range(0, MAX_RECIPIENTS)
                .mapToObj(i -> "template_v" + variable + "=" + variable + "-" + i).collect(Collectors.joining("&")))
                .collect(Collectors.joining("&"));
        String template = IntStream.rangeClosed(1, 8).mapToObj(variable -> "{{v" + variable + "}}")
                .collect(Collectors.joining(" "));

        JsonNode sent = ok(postForm(user, "/api/v1/sms/opera/template_send.json", recipients(MAX_RECIPIENTS) + "&"
                + values + "&" + form("from_msisdn", "27123456789", "template", template)));

        assertThat(sent.size()).isEqualTo(MAX_RECIPIENTS);
        assertThat(sent.get(999).get("message").asString()).isEqualTo("1-999 2-999 3-999 4-999 5-999 6-999 7-999 8-999");
        assertThat(stored()).isEqualTo(MAX_RECIPIENTS);
    }

    @Test
    void aFormWithMoreParametersThanTheLimitIsRefusedNamingTheBody() {
        HttpResponse<String> answer = postForm(user, "/api/v1/sms/clickatell/send.json", recipients(10_001)
                + "&" + form("from_msisdn", "27123456789", "message", "hello"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(json(answer).get("field").asString()).isEqualTo("body");
        assertThat(stored()).isZero();
    }

    @Test
    void aMultipartFormWithMorePartsThanItsLimitIsRefusedNamingTheBody() {
        String boundary = "richmond-boundary";
        String parts = IntStream.range(0, 60).mapToObj(i -> "--" + boundary + "\r\nContent-Disposition: form-data;"
                + " name=\"to_msisdn\"\r\n\r\n2712345" + String.format("%04d", i) + "\r\n")
                .collect(Collectors.joining()) + "--" + boundary + "--\r\n";

        HttpResponse<String> answer = send(request(user, "/api/v1/sms/clickatell/send.json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(parts)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(json(answer).get("field").asString()).isEqualTo("body");
        assertThat(json(answer).get("message").asString()).contains("application/x-www-form-urlencoded");
    }

    private static String recipients(int count) {
        return IntStream.range(0, count).mapToObj(i -> "to_msisdn=2771" + String.format("%07d", i))
                .collect(Collectors.joining("&"));
    }

    private int stored() {
        return jdbc.queryForObject("select count(*) from sent_sms where account_id = ?", Integer.class,
                accountId(user));
    }
}
