package io.richmond.simulators.opera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.richmond.simulators.TerminalOutput;
import io.richmond.simulators.http.RecordingReceiver;
import io.richmond.simulators.http.RecordingReceiver.Request;
import io.richmond.simulators.http.WebhookTarget;
import io.richmond.simulators.http.Webhooks;
import io.richmond.testsupport.Fixtures;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class FakeOperaTest {

    private static final Duration RECEIPT_DELAY = Duration.ofMillis(200);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final TerminalOutput output = new TerminalOutput();
    private RecordingReceiver smsTransport;
    private Webhooks webhooks;
    private FakeOpera opera;

    @BeforeEach
    void start() throws Exception {
        smsTransport = new RecordingReceiver();
        webhooks = new Webhooks(new WebhookTarget(smsTransport.baseUrl(), null, null), output.terminal());
        opera = FakeOpera.start(0, webhooks, RECEIPT_DELAY, output.terminal());
    }

    @AfterEach
    void stop() {
        opera.close();
        webhooks.close();
        smsTransport.close();
    }

    @Test
    void sendSmsAnswersAnIdentifierAndPostsAReceiptForIt() throws Exception {
        HttpResponse<String> answer = call(Fixtures.text("opera/send_request.xml"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
        String identifier = identifier(answer.body());
        assertThat(identifier).matches("[0-9a-f]{8}");
        assertThat(output.text()).contains("opera: SMS to 27761234567 'hello world' -> Identifier " + identifier
                + ", receipt in 200ms");

        Request receipt = await().atMost(5, TimeUnit.SECONDS).until(() -> smsTransport.requests(), r -> !r.isEmpty())
                .get(0);
        assertThat(receipt.method()).isEqualTo("POST");
        assertThat(receipt.path()).isEqualTo("/api/v1/sms/opera/receipt.json");
        assertThat(receipt.contentType()).isEqualTo("text/xml; charset=utf-8");
        assertThat(receipt.authorization()).isNull();
        Element posted = xml(receipt.text()).getDocumentElement();
        Element fixture = xml(Fixtures.text("opera/receipt.xml")).getDocumentElement();
        assertThat(posted.getTagName()).isEqualTo(fixture.getTagName());
        Element postedReceipt = children(posted).get(0);
        assertThat(children(postedReceipt)).extracting(Element::getTagName)
                .containsExactlyElementsOf(children(children(fixture).get(0)).stream().map(Element::getTagName)
                        .toList());
        assertThat(text(postedReceipt, "reference")).isEqualTo(identifier);
        assertThat(text(postedReceipt, "msisdn")).isEqualTo("+27761234567");
        assertThat(text(postedReceipt, "status")).isEqualTo("D");
        assertThat(text(postedReceipt, "timestamp")).matches("\\d{8}T\\d\\d:\\d\\d:\\d\\d");
        assertThat(text(postedReceipt, "msgid")).matches("\\d+");
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.text())
                .contains("opera: receipt D for Identifier " + identifier + ": POST " + smsTransport.baseUrl()
                        + "/api/v1/sms/opera/receipt.json -> 201"));
    }

    @Test
    void richmondsSmsTextsWithOneTextPerNumberAreTaken() throws Exception {
        HttpResponse<String> answer = call(Fixtures.text("opera/send_request_richmond.xml"));

        assertThat(identifier(answer.body())).matches("[0-9a-f]{8}");
        assertThat(output.text()).contains("opera: SMS to 27123456789 'yebo'");
    }

    @Test
    void aBase64TextIsReadAsUtf8() throws Exception {
        HttpResponse<String> answer = call(Fixtures.text("opera/send_request_unicode.xml"));

        assertThat(identifier(answer.body())).matches("[0-9a-f]{8}");
        assertThat(output.text()).contains("opera: SMS to 27761234567 '\u00fc\u00ef\u00e9\u00df\u00f8'");
    }

    @Test
    void severalNumbersGetOneReceiptDocumentWithAReceiptEach() throws Exception {
        String identifier = identifier(call(sendSms("<string>27761234567, 27761234568</string>",
                "<name>SMSText</name><value><string>hi</string></value>")).body());

        await().atMost(5, TimeUnit.SECONDS).until(() -> smsTransport.requests().size() == 1);
        List<Element> receipts = children(xml(smsTransport.requests().get(0).text()).getDocumentElement());
        assertThat(receipts).extracting(receipt -> text(receipt, "msisdn"))
                .containsExactly("+27761234567", "+27761234568");
        assertThat(receipts).extracting(receipt -> text(receipt, "reference")).containsOnly(identifier);
    }

    @Test
    void noReceiptWhenTheCallSaysReceiptN() throws Exception {
        String body = Fixtures.text("opera/send_request.xml")
                .replace("<name>Receipt</name>\n<value><string>Y</string>", "<name>Receipt</name>\n<value><string>N</string>");
        assertThat(body).contains("<string>N</string>");

        identifier(call(body).body());

        assertThat(output.text()).contains("no receipt (Receipt=N)");
        await().during(RECEIPT_DELAY.multipliedBy(3)).atMost(RECEIPT_DELAY.multipliedBy(5))
                .until(() -> smsTransport.requests().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<methodCall><methodName>EAPIGateway.SendSMS", "not xml at all", ""})
    void malformedXmlIsAParseFault(String body) throws Exception {
        HttpResponse<String> answer = call(body);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(faultCode(answer.body())).isEqualTo(-32700);
        assertThat(output.text()).contains("opera: fault -32700");
    }

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path directory) throws Exception {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "the-secret-marker");
        String body = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodCall [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                + "\">]>\n" + sendSms("<string>27761234567</string>",
                "<name>SMSText</name><value><string>&xxe;</string></value>");

        HttpResponse<String> answer = call(body);

        assertThat(faultCode(answer.body())).isEqualTo(-32700);
        assertThat(answer.body()).doesNotContain("the-secret-marker");
        assertThat(output.text()).doesNotContain("the-secret-marker");
        assertThat(smsTransport.requests()).isEmpty();
    }

    @Test
    void anEntityExpansionBombIsRefused() throws Exception {
        StringBuilder entities = new StringBuilder("<!ENTITY a0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            entities.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        String body = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodCall [" + entities + "]>\n"
                + sendSms("<string>27761234567</string>", "<name>SMSText</name><value><string>&a10;</string></value>");

        assertThat(faultCode(call(body).body())).isEqualTo(-32700);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "another method        | -32601 | <methodCall><methodName>EAPIGateway.GetBalance</methodName><params/></methodCall>",
            "not a methodCall      | -32600 | <methodResponse><params/></methodResponse>",
            "no methodName         | -32600 | <methodCall><params/></methodCall>",
            "no parameters         | -32602 | <methodCall><methodName>EAPIGateway.SendSMS</methodName><params/></methodCall>",
            "a string, not struct  | -32602 | <methodCall><methodName>EAPIGateway.SendSMS</methodName><params><param><value>x</value></param></params></methodCall>",
            "an unknown type       | -32600 | <methodCall><methodName>EAPIGateway.SendSMS</methodName><params><param><value><nil/></value></param></params></methodCall>",
            "a bad int             | -32600 | <methodCall><methodName>EAPIGateway.SendSMS</methodName><params><param><value><int>ten</int></value></param></params></methodCall>",
            "a member without name | -32600 | <methodCall><methodName>EAPIGateway.SendSMS</methodName><params><param><value><struct><member><value>x</value></member></struct></value></param></params></methodCall>",
    })
    void callsThatAreNotSendSmsAreFaults(String name, int code, String body) throws Exception {
        assertThat(faultCode(call(body).body())).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no Numbers           | <name>Channel</name><value><string>channel</string></value>                 | <name>SMSText</name><value><string>hi</string></value>",
            "a bad number         | <name>Numbers</name><value><string>27761234567,call-me</string></value>     | <name>SMSText</name><value><string>hi</string></value>",
            "no text              | <name>Numbers</name><value><string>27761234567</string></value>             | <name>Priority</name><value><string>standard</string></value>",
            "a text of a bad type | <name>Numbers</name><value><string>27761234567</string></value>             | <name>SMSText</name><value><int>5</int></value>",
            "texts not per number | <name>Numbers</name><value><string>27761234567,27761234568</string></value> | <name>SMSTexts</name><value><array><data><value>hi</value></data></array></value>",
            "a bad Receipt        | <name>Numbers</name><value><string>27761234567</string></value>             | <name>SMSText</name><value>hi</value></member><member><name>Receipt</name><value>maybe</value>",
    })
    void sendSmsWithoutWhatOperaNeedsIsAParametersFault(String name, String numbersMember, String textMember)
            throws Exception {
        String body = "<methodCall><methodName>EAPIGateway.SendSMS</methodName><params><param><value><struct>"
                + "<member><name>Service</name><value>service</value></member>"
                + "<member><name>Password</name><value>password</value></member>"
                + "<member><name>Channel</name><value>channel</value></member>"
                + "<member>" + numbersMember + "</member><member>" + textMember + "</member>"
                + "</struct></value></param></params></methodCall>";

        assertThat(faultCode(call(body).body())).isEqualTo(-32602);
        assertThat(smsTransport.requests()).isEmpty();
    }

    @Test
    void onlyPostToTheGatewayPathIsServed() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(opera.url())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(opera.url() + "/more"))
                .POST(HttpRequest.BodyPublishers.ofString("<x/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> call(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(opera.url())).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sendSms(String numbers, String textMember) {
        return "<methodCall><methodName>EAPIGateway.SendSMS</methodName><params><param><value><struct>"
                + "<member><name>Service</name><value><string>service</string></value></member>"
                + "<member><name>Password</name><value><string>password</string></value></member>"
                + "<member><name>Channel</name><value><string>channel</string></value></member>"
                + "<member><name>Numbers</name><value>" + numbers + "</value></member>"
                + "<member>" + textMember + "</member>"
                + "</struct></value></param></params></methodCall>";
    }

    private static String identifier(String response) throws Exception {
        String identifier = XPathFactory.newInstance().newXPath().evaluate(
                "/methodResponse/params/param/value/struct/member[name='Identifier']/value/string", xml(response));
        assertThat(identifier).as("Identifier in %s", response).isNotEmpty();
        return identifier;
    }

    private static int faultCode(String response) throws Exception {
        String code = XPathFactory.newInstance().newXPath().evaluate(
                "/methodResponse/fault/value/struct/member[name='faultCode']/value/int", xml(response));
        assertThat(code).as("faultCode in %s", response).isNotEmpty();
        return Integer.parseInt(code);
    }

    /** Only ever our own answers and the fixtures, so the JDK's defaults do. */
    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    private static String text(Element parent, String child) {
        return children(parent).stream().filter(element -> element.getTagName().equals(child)).findFirst()
                .orElseThrow().getTextContent();
    }
}
