package io.richmond.sms.opera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.richmond.sms.webhook.WebhookException;
import io.richmond.sms.xml.SafeXml;
import io.richmond.sms.xml.XmlElement;
import io.richmond.sms.xml.XmlParseException;
import io.richmond.sms.xml.XmlishDocuments;
import io.richmond.testsupport.RandomInputs;

/**
 * Whatever Opera, or someone posing as it, answers or posts: an XML-RPC answer is a response or an
 * {@link XmlRpc.XmlRpcException}; a callback is receipts or an inbound SMS, or a 400.
 */
class OperaParsersPropertiesTest {

    private final OperaCallbacks callbacks = new OperaCallbacks();

    @Test
    void anyAnswerIsAResponseOrAnXmlRpcError() {
        RandomInputs.forAll(1000, random -> random.bytes(0, 255),
                OperaParsersPropertiesTest::assertIsAResponseOrAnXmlRpcError);
    }

    @Test
    void xmlishAnswersAreResponsesOrXmlRpcErrors() {
        RandomInputs.forAll(3000, random -> XmlishDocuments.document(random, 4),
                body -> assertIsAResponseOrAnXmlRpcError(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deeplyNestedAnswersAreResponsesOrXmlRpcErrors() {
        RandomInputs.forAll(10, random -> random.between(1_000, 50_000), depth -> {
            String nested = "<value><array><data>".repeat(depth) + "</data></array></value>".repeat(depth);
            String body = "<methodResponse><params><param>" + nested + "</param></params></methodResponse>";

            assertIsAResponseOrAnXmlRpcError(body.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void anyPostedXmlIsReadOrABadRequest() {
        RandomInputs.forAll(3000, random -> XmlishDocuments.document(random, 4), body -> {
            XmlElement root;
            try {
                root = SafeXml.parse(body);
            } catch (XmlParseException e) {
                return;
            }
            assertIsReadOrABadRequest(() -> callbacks.receipts(root));
            assertIsReadOrABadRequest(() -> callbacks.inbound(root, "UTF-8"));
        });
    }

    private static void assertIsAResponseOrAnXmlRpcError(byte[] body) {
        Throwable thrown = catchThrowable(() -> assertThat(XmlRpc.response(body)).isNotNull());

        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(XmlRpc.XmlRpcException.class));
    }

    private static void assertIsReadOrABadRequest(Runnable read) {
        Throwable thrown = catchThrowable(read::run);

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(WebhookException.class);
            assertThat(((WebhookException) thrown).status().value()).isEqualTo(400);
        }
    }
}
