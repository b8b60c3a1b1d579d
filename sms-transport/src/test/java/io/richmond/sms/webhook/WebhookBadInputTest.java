package io.richmond.sms.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.richmond.sms.TransportHarness;
import io.richmond.testsupport.Fixtures;
import io.richmond.testsupport.RequiresRabbitMq;

/** Bad input to every webhook is refused with a status and a reason, and nothing reaches RabbitMQ. */
@RequiresRabbitMq
class WebhookBadInputTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CLICKATELL = "/api/v1/sms/clickatell/";
    private static final String OPERA = "/api/v1/sms/opera/";
    private static final String SECRET_TEXT = "the-secret-in-a-local-file";

    @TempDir
    static Path files;
    private static Path secret;
    private static TransportHarness harness;

    @BeforeAll
    static void start() throws Exception {
        secret = Files.writeString(files.resolve("secret.txt"), SECRET_TEXT);
        harness = TransportHarness.start(Map.of(
                "richmond.sms.clickatell.webhook.username", "clickatell",
                "richmond.sms.clickatell.webhook.password", "s3cret",
                "richmond.sms.opera.webhook.username", "opera",
                "richmond.sms.opera.webhook.password", "0pera",
                "richmond.sms.webhook.max-body-size", "64KB"));
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @AfterEach
    void nothingWasPublished() throws Exception {
        for (String transport : new String[] {harness.clickatell, harness.opera}) {
            assertThat(harness.drain(transport + ".event")).isEmpty();
            assertThat(harness.drain(transport + ".inbound")).isEmpty();
        }
    }

    static String xxe(String root, String use) {
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + use.replace("XXE", "&xxe;");
    }

    static String billionLaughs(String root, String use) {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " [\n"
                + "<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        return dtd.append("]>\n").append(use.replace("XXE", "&lol9;")).toString();
    }

    static String incoming(String text) {
        return "<bspostevent><field name=\"Local\">*32323</field><field name=\"Remote\">+27831234567</field>"
                + "<field name=\"Text\">" + text + "</field><field name=\"MessageID\">1</field>"
                + "<field name=\"MobileNetwork\">mtn-za</field></bspostevent>";
    }

    static String receipt(String status) {
        return "<receipts><receipt><reference>r</reference><status>" + status + "</status></receipt></receipts>";
    }

    static String data(String xml) {
        return "data=" + URLEncoder.encode(xml, StandardCharsets.UTF_8);
    }

    /** Path, content type, body, and the status and reason it must be answered with. */
    static Stream<Arguments> badInput() {
        String clickmo = "<clickmo><moMsgId>m</moMsgId><from>1</from><to>2</to><text>XXE</text></clickmo>";
        String callback = "<callback><apiMsgId>a</apiMsgId><status>XXE</status></callback>";
        String oversize = "x".repeat(64 * 1024 + 1);
        return Stream.of(
                // empty bodies
                Arguments.of(CLICKATELL + "receipt.json", FORM, "", 400, "Empty request"),
                Arguments.of(CLICKATELL + "receive.json", FORM, "", 400, "Empty request"),
                Arguments.of(OPERA + "receipt.json", "text/xml", "", 400, "Empty body"),
                Arguments.of(OPERA + "receive.xml", "text/plain", "", 400, "Empty body"),
                // wrong content types
                Arguments.of(CLICKATELL + "receipt.json", "application/json", "{\"apiMsgId\": \"a\"}", 415,
                        "Unsupported Content-Type application/json"),
                Arguments.of(CLICKATELL + "receive.json", "application/json", "{}", 415, "Unsupported"),
                Arguments.of(OPERA + "receipt.json", "application/json", "{}", 415, "Unsupported"),
                Arguments.of(OPERA + "receive.xml", "image/png", "<x/>", 415, "Unsupported"),
                // missing fields
                Arguments.of(CLICKATELL + "receipt.json", FORM, "status=003&to=27", 400, "Missing field: apiMsgId"),
                Arguments.of(CLICKATELL + "receipt.json", FORM, "apiMsgId=a", 400, "Missing field: status"),
                Arguments.of(CLICKATELL + "receive.json", FORM, "from=1&to=2&text=hi", 400,
                        "Missing field: moMsgId"),
                Arguments.of(CLICKATELL + "receive.json", FORM, "moMsgId=m&from=1&to=2", 400, "Missing field: text"),
                Arguments.of(OPERA + "receive.xml", "text/plain", Fixtures.text("opera/incoming_missing_local.xml"),
                        400, "Missing field: Local"),
                Arguments.of(OPERA + "receipt.json", "text/xml", "<receipts/>", 400, "Missing element: receipt"),
                Arguments.of(OPERA + "receive.xml", FORM, "Other=1", 400, "XmlMsg missing"),
                // malformed values
                Arguments.of(CLICKATELL + "receipt.json", FORM, "apiMsgId=a&status=003&timestamp=yesterday", 400,
                        "Field timestamp must be Unix seconds"),
                Arguments.of(CLICKATELL + "receive.json", FORM, "moMsgId=m&from=1&to=2&text=x&timestamp=soon", 400,
                        "Field timestamp must be YYYY-MM-DD HH:MM:SS"),
                Arguments.of(OPERA + "receive.xml", "text/xml", "<bspostevent><field", 400, "Malformed XML"),
                Arguments.of(OPERA + "receipt.json", "text/xml", "<receipt/>", 400, "Expected <receipts>"),
                // external entities: the local file must not be read
                Arguments.of(OPERA + "receive.xml", "text/xml", xxe("bspostevent", incoming("XXE")), 400,
                        "Malformed XML"),
                Arguments.of(OPERA + "receipt.json", "text/xml", xxe("receipts", receipt("XXE")), 400,
                        "Malformed XML"),
                Arguments.of(CLICKATELL + "receive.json", FORM, data(xxe("clickmo", clickmo)), 400, "Malformed XML"),
                Arguments.of(CLICKATELL + "receipt.json", FORM, data(xxe("callback", callback)), 400,
                        "Malformed XML"),
                // entity expansion bombs
                Arguments.of(OPERA + "receive.xml", "text/xml", billionLaughs("bspostevent", incoming("XXE")), 400,
                        "Malformed XML"),
                Arguments.of(OPERA + "receipt.json", "text/xml", billionLaughs("receipts", receipt("XXE")), 400,
                        "Malformed XML"),
                Arguments.of(CLICKATELL + "receive.json", FORM, data(billionLaughs("clickmo", clickmo)), 400,
                        "Malformed XML"),
                // too large
                Arguments.of(CLICKATELL + "receipt.json", FORM, "apiMsgId=" + oversize, 413, "Body larger than"),
                Arguments.of(CLICKATELL + "receive.json", FORM, "text=" + oversize, 413, "Body larger than"),
                Arguments.of(OPERA + "receipt.json", "text/xml", oversize, 413, "Body larger than"),
                Arguments.of(OPERA + "receive.xml", "text/plain", oversize, 413, "Body larger than"),
                Arguments.of(CLICKATELL + "receipt.json", FORM, data(billionLaughs("callback", callback)), 400,
                        "Malformed XML"),
                // under the size limit but nested deeper than any provider's document
                Arguments.of(OPERA + "receipt.json", "text/xml", deep("receipts", 9000), 400, "nested deeper"),
                Arguments.of(OPERA + "receive.xml", "text/xml", deep("bspostevent", 9000), 400, "nested deeper"),
                Arguments.of(CLICKATELL + "receive.json", FORM, data(deep("clickmo", 2000)), 400, "nested deeper"),
                // a Unix time beyond the years Java can represent
                Arguments.of(CLICKATELL + "receipt.json", FORM, "apiMsgId=a&status=003&timestamp=31556889864403200",
                        400, "Field timestamp must be Unix seconds"),
                // form values that are not text in the declared charset
                Arguments.of(CLICKATELL + "receive.json", FORM, "moMsgId=m&from=1&to=2&text=%C3%28", 400,
                        "Parameter text is not valid UTF-8"),
                Arguments.of(CLICKATELL + "receive.json", FORM, "moMsgId=m&from=1&to=2&text=%ED%A0%80", 400,
                        "Parameter text is not valid UTF-8"),
                Arguments.of(CLICKATELL + "receipt.json", FORM + "; charset=UTF-8", "apiMsgId=%FF&status=003", 400,
                        "Parameter apiMsgId is not valid UTF-8"),
                Arguments.of(OPERA + "receive.xml", FORM, "XmlMsg=%3Cbspostevent%3E%FF", 400,
                        "Parameter XmlMsg is not valid UTF-8"),
                // a NUL, which no text column can store, in a form value or an MO's text
                Arguments.of(CLICKATELL + "receive.json", FORM, "moMsgId=m&from=1&to=2&text=a%00b", 400,
                        "Parameter text contains a NUL character"),
                Arguments.of(CLICKATELL + "receipt.json", FORM, "apiMsgId=a%00&status=003", 400,
                        "Parameter apiMsgId contains a NUL character"),
                // a value quoted in the reason cannot forge a log line nor run on
                Arguments.of(CLICKATELL + "receipt.json", FORM, "apiMsgId=a&status=003&timestamp=1%0AINFO+forged"
                        + "x".repeat(100), 400, "got 1\\u000aINFO forgedxxx"),
                // unreadable content types
                Arguments.of(CLICKATELL + "receive.json", FORM + "; charset=no-such-charset", "text=x", 415,
                        "Unreadable Content-Type"),
                Arguments.of(OPERA + "receipt.json", "text/xml; charset=\"", receipt("1"), 415,
                        "Unreadable Content-Type"));
    }

    /** A document whose root holds {@code depth} nested elements. */
    static String deep(String root, int depth) {
        return "<" + root + ">" + "<a>".repeat(depth) + "</a>".repeat(depth) + "</" + root + ">";
    }

    /** Path, content type and body bytes that are not text in the encoding they claim. */
    static Stream<Arguments> badEncodings() {
        byte[] receipts = receipt("1").getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of(OPERA + "receipt.json", "text/xml",
                        concat("<?xml version=\"1.0\" encoding=\"UTF-16\"?>".getBytes(StandardCharsets.UTF_8),
                                receipts)),
                Arguments.of(OPERA + "receipt.json", "text/xml",
                        concat("<?xml version=\"1.0\" encoding=\"UTF-8\"?><receipts><receipt><reference>"
                                .getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28},
                                "</reference></receipt></receipts>".getBytes(StandardCharsets.UTF_8))),
                Arguments.of(OPERA + "receive.xml", "text/plain; charset=utf-8",
                        concat("<bspostevent><field name=\"Text\">".getBytes(StandardCharsets.UTF_8),
                                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                                "</field></bspostevent>".getBytes(StandardCharsets.UTF_8))),
                Arguments.of(OPERA + "receive.xml", "text/xml",
                        concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, receipts)),
                Arguments.of(CLICKATELL + "receive.json", FORM,
                        concat("moMsgId=m&from=1&to=2&text=".getBytes(StandardCharsets.UTF_8),
                                new byte[] {(byte) 0xFF, (byte) 0xFE})));
    }

    @ParameterizedTest
    @MethodSource("badEncodings")
    void textInTheWrongEncodingIsABadRequest(String path, String contentType, byte[] body) throws Exception {
        HttpResponse<String> response = harness.call("POST", path, contentType, body, user(path), password(path));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    /** Entities and DTDs pointing at a local port: refused, and nothing ever connects to the port. */
    static Stream<Arguments> networkEntities() {
        return Stream.of(
                Arguments.of(OPERA + "receipt.json", "text/xml", "<!DOCTYPE receipts [<!ENTITY xxe SYSTEM "
                        + "\"URL/entity\">]>" + receipt("&xxe;")),
                Arguments.of(OPERA + "receive.xml", "text/xml", "<!DOCTYPE bspostevent SYSTEM \"URL/evil.dtd\">"
                        + incoming("&xxe;")),
                Arguments.of(OPERA + "receive.xml", "text/xml", "<!DOCTYPE bspostevent [<!ENTITY % remote SYSTEM "
                        + "\"URL/param\"> %remote;]>" + incoming("&xxe;")),
                Arguments.of(CLICKATELL + "receipt.json", FORM, data("<!DOCTYPE callback [<!ENTITY xxe SYSTEM "
                        + "\"URL/entity\">]><callback><apiMsgId>a</apiMsgId><status>&xxe;</status></callback>")),
                Arguments.of(CLICKATELL + "receive.json", FORM, data("<!DOCTYPE clickmo SYSTEM \"URL/evil.dtd\">"
                        + "<clickmo><moMsgId>m</moMsgId><from>1</from><to>2</to><text>&xxe;</text></clickmo>")));
    }

    @ParameterizedTest
    @MethodSource("networkEntities")
    void networkEntitiesAreNeverFetched(String path, String contentType, String body) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + listener.getLocalPort();
            String sent = contentType.equals(FORM)
                    ? body.replace(URLEncoder.encode("URL", StandardCharsets.UTF_8), URLEncoder.encode(url,
                            StandardCharsets.UTF_8))
                    : body.replace("URL", url);

            HttpResponse<String> response = harness.call("POST", path, contentType,
                    sent.getBytes(StandardCharsets.UTF_8), user(path), password(path));

            assertThat(response.statusCode()).isEqualTo(400);
            // A connection the parser made would be waiting in the backlog by now: the call has been answered.
            listener.setSoTimeout(200);
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {CLICKATELL + "receipt.json", CLICKATELL + "receive.json"})
    void aQueryStringTooLongForTheServerIsRefusedNotFailed(String path) throws Exception {
        HttpResponse<String> response = harness.call("GET", path + "?text=" + "x".repeat(100_000), null, null,
                user(path), password(path));

        assertThat(response.statusCode()).isBetween(400, 499);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return bytes.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void isRefusedWithAReason(String path, String contentType, String body, int status, String reason)
            throws Exception {
        HttpResponse<String> response = harness.call("POST", path, contentType,
                body.getBytes(StandardCharsets.UTF_8), user(path), password(path));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).contains(reason).doesNotContain(SECRET_TEXT).doesNotContain("\n")
                .hasSizeLessThan(200);
    }

    /** Path, then user and password to send (null: no Authorization header). */
    static Stream<Arguments> badCredentials() {
        return Stream.of(CLICKATELL + "receipt.json", CLICKATELL + "receive.json", OPERA + "receipt.json",
                OPERA + "receive.xml").flatMap(path -> Stream.of(
                        Arguments.of(path, null, null),
                        Arguments.of(path, user(path), "wrong"),
                        Arguments.of(path, "someone", password(path)),
                        // Each provider's credentials open only its own webhooks.
                        Arguments.of(path, path.startsWith(OPERA) ? "clickatell" : "opera",
                                path.startsWith(OPERA) ? "s3cret" : "0pera")));
    }

    @ParameterizedTest
    @MethodSource("badCredentials")
    void withoutTheProvidersCredentialsIsUnauthorized(String path, String user, String password) throws Exception {
        String body = path.startsWith(OPERA) ? Fixtures.text("opera/receipt.xml")
                : Fixtures.text("clickatell/receipt.txt");
        HttpResponse<String> response = harness.call("POST", path, path.startsWith(OPERA) ? "text/xml" : FORM,
                body.getBytes(StandardCharsets.UTF_8), user, password);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Richmond\"");
    }

    /** Authorization headers that do not carry {@code opera:0pera} as HTTP Basic does. */
    static Stream<String> malformedAuthorizations() {
        String right = Base64.getEncoder().encodeToString("opera:0pera".getBytes(StandardCharsets.UTF_8));
        return Stream.of("", "Basic", "Basic ", "Basic !!not base64!!", "Basic " + right + "x", "Bearer " + right,
                right, "Basic " + base64("opera:0pera\0"), "Basic " + base64("opera\0:0pera"),
                "Basic " + base64("opera"), "Basic " + base64("opera:0pera:"), "Basic " + base64(":0pera"),
                "Digest username=\"opera\"");
    }

    @ParameterizedTest
    @MethodSource("malformedAuthorizations")
    void aMalformedAuthorizationIsUnauthorized(String authorization) throws Exception {
        HttpResponse<String> response = harness.call("POST", OPERA + "receipt.json", "text/xml",
                Fixtures.bytes("opera/receipt.xml"), Map.of("Authorization", authorization));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("Authentication required");
    }

    /** Paths the servlet container maps to a webhook although they are not written as its path. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/sms/%63lickatell/receipt.json", "/api/v1/sms/clickatell;x=1/receipt.json",
            "/api/v1/sms/clickatell/./receipt.json", "/api/v1/sms/opera/../clickatell/receipt.json",
            "/api/v1/sms/clickatell/receipt.json;", "/api/v1/sms/clickatell/%72eceipt.json"})
    void aWebhookByAnotherSpellingStillWantsCredentials(String path) throws Exception {
        HttpResponse<String> response = harness.call("POST", path, FORM,
                "apiMsgId=spelled&status=004".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(response.statusCode()).isBetween(400, 499);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String user(String path) {
        return path.startsWith(OPERA) ? "opera" : "clickatell";
    }

    private static String password(String path) {
        return path.startsWith(OPERA) ? "0pera" : "s3cret";
    }
}
