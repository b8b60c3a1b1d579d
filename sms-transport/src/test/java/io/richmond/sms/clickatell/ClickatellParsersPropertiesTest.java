package io.richmond.sms.clickatell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.richmond.sms.webhook.FormData;
import io.richmond.sms.webhook.WebhookException;
import io.richmond.sms.xml.XmlishDocuments;
import io.richmond.testsupport.RandomInputs;

/**
 * Whatever Clickatell, or someone posing as it, answers or posts: answers always parse, callbacks become a receipt
 * or an inbound SMS, or are refused with a 400.
 */
class ClickatellParsersPropertiesTest {

    private static final List<String> KEYWORDS = List.of("ID", "OK", "ERR", "Credit", "", " ERR ", "ID:ID");
    private static final List<String> COLONS = List.of(":", ": ", "", "::");
    private static final List<String> ODD_RESTS = List.of("003, Session ID expired", "301, No Credit Left", "a To:",
            "x To: 2783", " To: ", ",", "", "99999999999999999999, big");
    private static final List<String> FIELD_NAMES = List.of("apiMsgId", "cliMsgId", "status", "timestamp", "moMsgId",
            "from", "to", "text", "charset", "udh", "data", "api_id", "other");
    private static final List<String> ODD_VALUES = List.of("", " ", "001", "004", "012", "-1", "9999999999999999999",
            "1299999999", "-62135596801", "31556889864403200", "2011-01-01 00:00:00", "2011-02-30 25:61:61",
            "<callback/>", "<clickmo><to>1</to></clickmo>", "\u0000", "\n");

    private final ClickatellCallbacks callbacks = new ClickatellCallbacks(ZoneOffset.ofHours(2));

    @Test
    void anyAnswerParsesIntoOneAnswerPerNonBlankLine() {
        RandomInputs.forAll(1000, random -> random.anyString(255), body -> {
            List<ClickatellAnswer> answers = ClickatellAnswer.parse(body);

            assertThat(answers).hasSizeLessThanOrEqualTo(body.split("\n").length).doesNotContainNull();
        });
    }

    @Test
    void answerShapedTextParses() {
        RandomInputs.forAll(2000, ClickatellParsersPropertiesTest::answer,
                body -> assertThat(ClickatellAnswer.parse(body)).doesNotContainNull().allSatisfy(answer -> {
                    if (answer instanceof ClickatellAnswer.Error error) {
                        assertThat(error.code()).matches("\\d*");
                        assertThat(error.reason()).isNotNull();
                    }
                }));
    }

    @Test
    void anyReceiptFormIsAReceiptOrABadRequest() {
        RandomInputs.forAll(2000, ClickatellParsersPropertiesTest::form,
                fields -> assertIsReadOrABadRequest(() -> callbacks.receipt(new FormData(fields))));
    }

    @Test
    void anyInboundFormIsAnSmsOrABadRequest() {
        RandomInputs.forAll(2000, ClickatellParsersPropertiesTest::form,
                fields -> assertIsReadOrABadRequest(() -> callbacks.inbound(new FormData(fields))));
    }

    @Test
    void anyXmlInDataIsReadOrABadRequest() {
        RandomInputs.forAll(2000, random -> XmlishDocuments.document(random, 3), data -> {
            assertIsReadOrABadRequest(() -> callbacks.receipt(new FormData(Map.of("data", data))));
            assertIsReadOrABadRequest(() -> callbacks.inbound(new FormData(Map.of("data", data))));
        });
    }

    private static void assertIsReadOrABadRequest(Runnable read) {
        Throwable thrown = catchThrowable(read::run);

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(WebhookException.class);
            assertThat(((WebhookException) thrown).status().value()).isEqualTo(400);
        }
    }

    /** Up to five lines of keyword, colon and rest, as Clickatell's answers are and nearly are. */
    private static String answer(RandomInputs random) {
        return String.join("\n", random.listOf(0, 5, () -> random.of(KEYWORDS) + random.of(COLONS)
                + random.oneOf(() -> random.anyString(20), () -> random.string("0123456789, To:", 0, 20),
                        () -> random.of(ODD_RESTS))));
    }

    /** Up to ten fields, a name's first value kept as a form keeps it, with values of every kind, XML included. */
    private static Map<String, String> form(RandomInputs random) {
        Map<String, String> fields = new LinkedHashMap<>();
        random.listOf(0, 10, () -> Map.entry(random.of(FIELD_NAMES), random.oneOf(() -> random.anyString(20),
                () -> random.string(RandomInputs.DIGITS, 0, 25), () -> random.of(ODD_VALUES),
                () -> XmlishDocuments.document(random, 2))))
                .forEach(entry -> fields.putIfAbsent(entry.getKey(), entry.getValue()));
        return fields;
    }
}
