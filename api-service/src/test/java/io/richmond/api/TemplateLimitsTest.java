package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.richmond.sdk.message.SmsEncoding;
import tools.jackson.databind.JsonNode;

/**
 * The work a template send asks for is bounded before it is done: the template's length, its sections' depth, each
 * value's length, and each recipient's text, which stops growing once it is longer than an SMS of
 * {@code max-segments} can be. Each refusal is a 400 naming the field, answered at once.
 */
class TemplateLimitsTest extends ApiTestBase {

    private static final String TEMPLATE_SEND = "/api/v1/sms/clickatell/template_send.json";
    private static final int LONGEST = SmsEncoding.longestText(10);
    /** Generous: the refusals below take milliseconds; before they existed the first took a minute. */
    private static final Duration AT_ONCE = Duration.ofSeconds(1);

    private String user;

    @BeforeEach
    void account() {
        user = newAccount("templates");
        // Checks the password once, so that the requests timed below pay no BCrypt.
        ok(get(user, "/api/v1/sms/clickatell/status.json"));
    }

    @Test
    void theOneMegabyteTemplateIsRefusedAtOnce() {
        assertRefusedAtOnce(form("to_msisdn", "27123456789", "from_msisdn", "27123456789",
                "template", "{{name}}".repeat(1_900), "template_name", "a".repeat(1_000_000)), "template",
                "15200 characters, at most 10000");
    }

    @Test
    void aValueLongerThanAnySmsIsRefusedAtOnce() {
        assertRefusedAtOnce(form("to_msisdn", "27123456789", "from_msisdn", "27123456789",
                "template", "Hi {{name}}", "template_name", "a".repeat(1_000_000)), "template_name",
                "1000000 characters; no message of at most 10 segments holds more than " + LONGEST);
    }

    @Test
    void aTemplateThatRepeatsAValueStopsAsSoonAsItIsTooLong() {
        assertRefusedAtOnce(form("to_msisdn", "27123456789", "from_msisdn", "27123456789",
                "template", "{{name}}".repeat(1_000), "template_name", "a".repeat(LONGEST)), "template",
                "gives more than " + LONGEST + " characters for to_msisdn 27123456789");
    }

    @Test
    void deeplyNestedSectionsAreRefusedAtOnce() {
        assertRefusedAtOnce(form("to_msisdn", "27123456789", "from_msisdn", "27123456789",
                "template", nested(3_000), "template_a", "x"), "template", "36001 characters, at most 10000");
        assertRefusedAtOnce(form("to_msisdn", "27123456789", "from_msisdn", "27123456789",
                "template", nested(800), "template_a", "x"), "template", "nest more than 24 deep");
    }

    @Test
    void delimiterChangesAreRefusedNamingTheTemplate() {
        assertRefusedAtOnce(form("to_msisdn", "27123456789", "from_msisdn", "27123456789",
                "template", "{{=<% %>=}}Hi <%name%>", "template_name", "Ann"), "template", "delimiters");
    }

    @Test
    void templatesWithinTheLimitsAreFilledIn() {
        JsonNode sent = ok(postForm(user, TEMPLATE_SEND, form("to_msisdn", "27123456789", "to_msisdn", "27123456788",
                "from_msisdn", "27123456789", "template", "{{#a}}{{#b}}{{#c}}{{name}}!{{/c}}{{/b}}{{/a}}",
                "template_a", "y", "template_a", "y", "template_b", "y", "template_b", "y", "template_c", "y",
                "template_c", "y", "template_name", "Ann", "template_name", "a".repeat(LONGEST - 1))));

        assertThat(sent.findValuesAsString("message")).containsExactly("Ann!", "a".repeat(LONGEST - 1) + "!");
        assertThat(sent.get(1).get("segments").asInt()).isEqualTo(10);
    }

    private static String nested(int depth) {
        return "{{#a}}".repeat(depth) + "x" + "{{/a}}".repeat(depth);
    }

    private void assertRefusedAtOnce(String body, String field, String problem) {
        long started = System.nanoTime();
        HttpResponse<String> answer = postForm(user, TEMPLATE_SEND, body);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode error = json(answer);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("message").asString()).contains(problem);
        assertThat(took).as("answered within").isLessThan(AT_ONCE);
        assertThat(jdbc.queryForObject("select count(*) from sent_sms where account_id = ?", Integer.class,
                accountId(user))).isZero();
    }
}
