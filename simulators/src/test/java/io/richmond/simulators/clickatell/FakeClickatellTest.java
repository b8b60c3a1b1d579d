package io.richmond.simulators.clickatell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.richmond.simulators.TerminalOutput;
import io.richmond.simulators.http.Forms;
import io.richmond.simulators.http.HttpCall;
import io.richmond.simulators.http.RecordingReceiver;
import io.richmond.simulators.http.RecordingReceiver.Request;
import io.richmond.simulators.http.WebhookTarget;
import io.richmond.simulators.http.Webhooks;
import io.richmond.testsupport.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FakeClickatellTest {

    private static final Duration RECEIPT_DELAY = Duration.ofMillis(200);
    private static final String ID = "[0-9a-f]{32}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final TerminalOutput output = new TerminalOutput();
    private RecordingReceiver smsTransport;
    private Webhooks webhooks;
    private FakeClickatell clickatell;

    @BeforeEach
    void start() throws Exception {
        smsTransport = new RecordingReceiver();
        webhooks = new Webhooks(new WebhookTarget(smsTransport.baseUrl(), "clickatell", "s3cret"), output.terminal());
        clickatell = FakeClickatell.start(0, webhooks, RECEIPT_DELAY, output.terminal());
    }

    @AfterEach
    void stop() {
        clickatell.close();
        webhooks.close();
        smsTransport.close();
    }

    @Test
    void sendmsgWithCredentialsAnswersAnIdAndPostsTheReceiptAfterTheDelay() throws Exception {
        HttpResponse<String> answer = post("sendmsg", form("api_id", "3500001", "user", "richmond", "password", "pw",
                "to", "27821234567", "from", "27123456789", "text", "hello world", "callback", "3",
                "cliMsgId", "4f2a9c0e", "deliv_ack", "1", "req_feat", "8240", "msg_type", "SMS_TEXT"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).matches("ID: " + ID);
        String apiMsgId = answer.body().substring("ID: ".length());
        assertThat(output.text()).contains("clickatell: SMS to 27821234567 'hello world' -> ID " + apiMsgId
                + ", receipt in 200ms");

        Request receipt = await().atMost(5, TimeUnit.SECONDS).until(() -> smsTransport.requests(), r -> !r.isEmpty())
                .get(0);
        assertThat(receipt.method()).isEqualTo("POST");
        assertThat(receipt.path()).isEqualTo("/api/v1/sms/clickatell/receipt.json");
        assertThat(receipt.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(receipt.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("clickatell:s3cret".getBytes(StandardCharsets.UTF_8)));
        Map<String, String> fields = receipt.form();
        Map<String, String> fixture = Forms.decode(Fixtures.text("clickatell/receipt.txt").strip(),
                StandardCharsets.UTF_8);
        assertThat(fields.keySet()).containsExactlyElementsOf(fixture.keySet());
        assertThat(fields).containsEntry("api_id", "3500001").containsEntry("apiMsgId", apiMsgId)
                .containsEntry("cliMsgId", "4f2a9c0e").containsEntry("to", "27821234567")
                .containsEntry("from", "27123456789").containsEntry("status", "004")
                .containsEntry("charge", "0.300000");
        assertThat(Long.parseLong(fields.get("timestamp")))
                .isCloseTo(System.currentTimeMillis() / 1000, within(10L));
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.text())
                .contains("clickatell: receipt 004 (Received by recipient) for ID " + apiMsgId + ": POST "
                        + smsTransport.baseUrl() + "/api/v1/sms/clickatell/receipt.json -> 201"));
    }

    @Test
    void aGetWithTheParametersInTheQueryWorksToo() throws Exception {
        HttpResponse<String> answer = get("sendmsg?" + Forms.encode(form("api_id", "1", "user", "u",
                "password", "p", "to", "27821234567", "text", "hi")));

        assertThat(answer.body()).matches("ID: " + ID);
    }

    @Test
    void aSessionFromAuthStandsInForTheCredentials() throws Exception {
        HttpResponse<String> auth = post("auth", form("api_id", "3500001", "user", "richmond", "password", "pw"));
        assertThat(auth.body()).matches("OK: " + ID);
        String session = auth.body().substring("OK: ".length());

        assertThat(get("ping?session_id=" + session).body()).isEqualTo("OK:");
        HttpResponse<String> answer = post("sendmsg", form("session_id", session, "to", "27821234567",
                "text", "hello", "callback", "2"));
        assertThat(answer.body()).matches("ID: " + ID);
        await().atMost(5, TimeUnit.SECONDS).until(() -> smsTransport.requests().size() == 1);
        assertThat(smsTransport.requests().get(0).form()).containsEntry("api_id", "3500001")
                .containsEntry("cliMsgId", "").containsEntry("from", "");
    }

    @Test
    void severalRecipientsGetALineEachAndAReceiptEach() throws Exception {
        HttpResponse<String> answer = post("sendmsg", form("api_id", "1", "user", "u", "password", "p",
                "to", "27821234561,27821234562", "text", "hello", "callback", "3"));

        assertThat(answer.body().split("\n")).satisfiesExactly(
                line -> assertThat(line).matches("ID: " + ID + " To: 27821234561"),
                line -> assertThat(line).matches("ID: " + ID + " To: 27821234562"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> smsTransport.requests().size() == 2);
        assertThat(smsTransport.requests()).extracting(request -> request.form().get("to"))
                .containsExactlyInAnyOrder("27821234561", "27821234562");
    }

    @Test
    void noReceiptUnlessTheCallbackAsksForFinalStatuses() throws Exception {
        HttpResponse<String> answer = post("sendmsg", form("api_id", "1", "user", "u", "password", "p",
                "to", "27821234567", "text", "hello", "callback", "1"));

        assertThat(answer.body()).matches("ID: " + ID);
        assertThat(output.text()).contains("no receipt (callback=1)");
        await().during(RECEIPT_DELAY.multipliedBy(3)).atMost(RECEIPT_DELAY.multipliedBy(5))
                .until(() -> smsTransport.requests().isEmpty());
    }

    @Test
    void aUnicodeTextArrivesAsUcs2HexAndIsShownDecoded() throws Exception {
        HttpResponse<String> answer = post("sendmsg", form("api_id", "1", "user", "u", "password", "p",
                "to", "27821234567", "text", "0048006900200263", "unicode", "1"));

        assertThat(answer.body()).matches("ID: " + ID);
        assertThat(output.text()).contains("'Hi \u0263'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no to                      | api_id=1&user=u&password=p&text=hi                                  | ERR: 105, Invalid destination address",
            "a + number                 | api_id=1&user=u&password=p&to=%2B27821234567&text=hi                | ERR: 105, Invalid destination address",
            "a local number             | api_id=1&user=u&password=p&to=0821234567&text=hi                    | ERR: 105, Invalid destination address",
            "one bad number of two      | api_id=1&user=u&password=p&to=27821234567,abc&text=hi               | ERR: 105, Invalid destination address",
            "no text                    | api_id=1&user=u&password=p&to=27821234567                           | ERR: 107, Empty message",
            "no api_id                  | user=u&password=p&to=27821234567&text=hi                            | ERR: 108, Invalid or missing API ID",
            "no password                | api_id=1&user=u&to=27821234567&text=hi                              | ERR: 001, Authentication failed",
            "no credentials at all      | to=27821234567&text=hi                                              | ERR: 108, Invalid or missing API ID",
            "an unknown session         | session_id=abc&to=27821234567&text=hi                               | ERR: 003, Session ID expired",
            "a sender id too long       | api_id=1&user=u&password=p&to=27821234567&text=hi&from=RichmondGateway | ERR: 106, Invalid source address",
            "a callback out of range    | api_id=1&user=u&password=p&to=27821234567&text=hi&callback=7        | ERR: 101, Invalid or missing parameters",
            "unicode that is not hex    | api_id=1&user=u&password=p&to=27821234567&text=hello&unicode=1      | ERR: 116, Invalid Unicode data",
    })
    void sendmsgRefusesBadParametersAsClickatellDoes(String name, String parameters, String error) throws Exception {
        HttpResponse<String> answer = post("sendmsg", parameters);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(error);
        assertThat(output.text()).contains("clickatell: sendmsg refused (");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no api_id   | user=u&password=p   | ERR: 108, Invalid or missing API ID",
            "no user     | api_id=1&password=p | ERR: 001, Authentication failed",
            "no password | api_id=1&user=u     | ERR: 001, Authentication failed",
    })
    void authRefusesMissingCredentials(String name, String parameters, String error) throws Exception {
        assertThat(post("auth", parameters).body()).isEqualTo(error);
    }

    @Test
    void pingWantsALiveSession() throws Exception {
        assertThat(get("ping").body()).isEqualTo("ERR: 005, Missing session ID");
        assertThat(get("ping?session_id=unknown").body()).isEqualTo("ERR: 003, Session ID expired");
    }

    @Test
    void otherMethodsAndPathsAndBrokenEncodingsAreHttpErrors() throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(url("sendmsg"))
                .PUT(HttpRequest.BodyPublishers.ofString("to=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).isPresent();
        assertThat(get("sendmsg/more").statusCode()).isEqualTo(404);
        HttpResponse<String> broken = post("sendmsg", "to=%zz");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("to=%zz");
    }

    @Test
    void anOversizedBodyOrAnUnknownCharsetIsRefused() throws Exception {
        HttpResponse<String> oversized = post("sendmsg", "text=" + "x".repeat(HttpCall.MAX_BODY_SIZE));
        assertThat(oversized.statusCode()).isEqualTo(413);

        HttpResponse<String> unknownCharset = http.send(HttpRequest.newBuilder(url("sendmsg"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=klingon")
                .POST(HttpRequest.BodyPublishers.ofString("to=27821234567")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknownCharset.statusCode()).isEqualTo(415);
        assertThat(unknownCharset.body()).isEqualTo("Unknown charset klingon");
    }

    @Test
    void anInboundSmsIsPostedWithTheFieldsOfClickatellsReplyPath() throws Exception {
        post("auth", form("api_id", "3500001", "user", "richmond", "password", "pw"));

        int status = clickatell.mo().send("27820000001", "27123456789", "hello, there & everywhere").get(5,
                TimeUnit.SECONDS);

        assertThat(status).isEqualTo(201);
        Request mo = smsTransport.requests().get(0);
        assertThat(mo.path()).isEqualTo("/api/v1/sms/clickatell/receive.json");
        assertThat(mo.contentType()).isEqualTo("application/x-www-form-urlencoded");
        Map<String, String> fixture = Forms.decode(Fixtures.text("clickatell/mo.txt").strip(), StandardCharsets.UTF_8);
        assertThat(mo.form().keySet()).containsExactlyElementsOf(fixture.keySet());
        assertThat(mo.form()).containsEntry("api_id", "3500001").containsEntry("from", "27820000001")
                .containsEntry("to", "27123456789").containsEntry("text", "hello, there & everywhere")
                .containsEntry("charset", "UTF-8");
        assertThat(mo.form().get("moMsgId")).matches(ID);
        assertThat(mo.form().get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    }

    @ParameterizedTest
    @CsvSource({"+27820000001, 27123456789", "0820000001, 27123456789", "27820000001, 12", "27820000001, abc"})
    void anInboundSmsNeedsWellFormedNumbers(String from, String to) {
        assertThatThrownBy(() -> clickatell.mo().send(from, to, "hi")).isInstanceOf(IllegalArgumentException.class);
        assertThat(smsTransport.requests()).isEmpty();
    }

    private HttpResponse<String> post(String command, Map<String, String> parameters) throws Exception {
        return post(command, Forms.encode(parameters));
    }

    private HttpResponse<String> post(String command, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url(command))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String commandAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(url(commandAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String commandAndQuery) {
        return URI.create(clickatell.baseUrl() + "/" + commandAndQuery);
    }

    private static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }
}
