package io.richmond.sms.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.richmond.sdk.message.Event;
import io.richmond.sms.SmsTransportApplication;
import io.richmond.sms.TransportHarness;
import io.richmond.testsupport.Fixtures;
import io.richmond.testsupport.LocalServices;
import io.richmond.testsupport.RequiresRabbitMq;

/**
 * sms-transport starts only with every provider's webhooks protected, or explicitly open; then each call must come
 * from the provider's networks (when it has some) with its credentials.
 */
@RequiresRabbitMq
@ExtendWith(OutputCaptureExtension.class)
class WebhookAccessTest {

    private static final Path SHIPPED_CONFIG = Path.of("..", "config", "sms-transport.yml");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CLICKATELL_RECEIPT = "/api/v1/sms/clickatell/receipt.json";
    private static final String OPERA_RECEIPT = "/api/v1/sms/opera/receipt.json";

    @Test
    void theShippedConfigurationDoesNotStartWithoutWebhookCredentials(CapturedOutput output) {
        assertThat(SHIPPED_CONFIG).isRegularFile();
        String id = UUID.randomUUID().toString().substring(0, 8);

        assertThatThrownBy(() -> {
            // Only what keeps a start, if it happened, off the shared broker's real queues.
            try (ConfigurableApplicationContext started = new SpringApplicationBuilder(SmsTransportApplication.class)
                    .run("--spring.config.additional-location=file:" + SHIPPED_CONFIG,
                            "--server.port=0",
                            "--richmond.amqp.uri=" + LocalServices.amqpUri().orElseThrow(),
                            "--richmond.amqp.exchange=sms-test-" + id,
                            "--richmond.sms.clickatell.transport-name=clickatell-" + id,
                            "--richmond.sms.opera.transport-name=opera-" + id)) {
                started.getBean(SmsTransportApplication.class);
            }
        }).rootCause().isInstanceOf(WebhookAccessException.class);

        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("richmond.sms.clickatell.webhook.username and .password are empty, so anyone who reaches"
                        + " the port could post Clickatell receipts and inbound SMS")
                .contains("richmond.sms.opera.webhook.username and .password are empty")
                .contains("Set richmond.sms.clickatell.webhook.username and .password"
                        + " (RICHMOND_SMS_CLICKATELL_WEBHOOK_USERNAME, RICHMOND_SMS_CLICKATELL_WEBHOOK_PASSWORD) to the"
                        + " HTTP Basic credentials configured at Clickatell, or set"
                        + " richmond.sms.clickatell.webhook.allow-unauthenticated: true")
                .contains("RICHMOND_SMS_OPERA_WEBHOOK_PASSWORD")
                .doesNotContain("\tat ");
    }

    /** Settings that keep sms-transport from starting, over the harness's credentials for both, and why. */
    static Stream<Arguments> unprotected() {
        return Stream.of(
                Arguments.of(Map.of("richmond.sms.opera.webhook.password", ""),
                        "richmond.sms.opera.webhook.username is set but richmond.sms.opera.webhook.password is"
                                + " empty"),
                Arguments.of(Map.of("richmond.sms.clickatell.webhook.username", "",
                        "richmond.sms.clickatell.webhook.allow-unauthenticated", true),
                        "richmond.sms.clickatell.webhook.password is set but"
                                + " richmond.sms.clickatell.webhook.username is empty"),
                Arguments.of(Map.of("richmond.sms.clickatell.webhook.allowed-networks", "10.0.0.0/8,10.1.0.0/33"),
                        "richmond.sms.clickatell.webhook.allowed-networks[1] '10.1.0.0/33' is not a network: IP"
                                + " address 10.1.0.0 is too short for bitmask of length 33"));
    }

    @ParameterizedTest
    @MethodSource("unprotected")
    void settingsThatLeaveTheWebhooksUnprotectedStopTheStart(Map<String, Object> settings, String reason,
            CapturedOutput output) {
        assertThatThrownBy(() -> TransportHarness.start(settings).close()).rootCause()
                .isInstanceOf(WebhookAccessException.class).hasMessageContaining(reason);
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START").contains(reason)
                .doesNotContain("\tat ");
    }

    @Test
    void optedOutWebhooksStartOpenAndSaySoWhileTheOtherProvidersStillWantCredentials(CapturedOutput output)
            throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("richmond.sms.clickatell.webhook.username", "");
        settings.put("richmond.sms.clickatell.webhook.password", "");
        settings.put("richmond.sms.clickatell.webhook.allow-unauthenticated", true);
        try (TransportHarness harness = TransportHarness.start(settings)) {
            assertThat(output.getOut()).containsPattern("WARN .* The Clickatell webhooks under"
                    + " /api/v1/sms/clickatell/ are OPEN from any address: richmond.sms.clickatell.webhook"
                    + ".allow-unauthenticated is true");

            HttpResponse<String> open = harness.call("POST", CLICKATELL_RECEIPT, FORM,
                    "apiMsgId=open-1&status=004".getBytes(StandardCharsets.UTF_8), Map.of());
            HttpResponse<String> opera = harness.call("POST", OPERA_RECEIPT, "text/xml",
                    Fixtures.bytes("opera/receipt.xml"), Map.of());

            assertThat(open.statusCode()).isEqualTo(201);
            harness.await(harness.clickatell + ".event", Event.class,
                    event -> event.userMessageId().equals("open-1"));
            assertThat(opera.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void callsFromOutsideTheAllowedNetworksAreForbiddenAndLoggedBriefly(CapturedOutput output) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("richmond.sms.clickatell.webhook.allowed-networks", "10.0.0.0/8,2001:db8::/32");
        settings.put("richmond.sms.opera.webhook.allowed-networks", "192.0.2.0/24,127.0.0.0/8,::1");
        try (TransportHarness harness = TransportHarness.start(settings)) {
            assertThat(output.getOut()).contains("The Clickatell webhooks under /api/v1/sms/clickatell/ take calls"
                    + " from 10.0.0.0/8, 2001:db8::/32 with the HTTP Basic credentials of user"
                    + " 'clickatell'");

            for (int i = 0; i < 20; i++) {
                HttpResponse<String> refused = harness.call("POST", CLICKATELL_RECEIPT, FORM,
                        ("apiMsgId=far-" + i + "&status=004").getBytes(StandardCharsets.UTF_8), "clickatell",
                        "s3cret");
                assertThat(refused.statusCode()).isEqualTo(403);
                assertThat(refused.body()).isEqualTo("Forbidden");
            }
            HttpResponse<String> allowed = harness.call("POST", OPERA_RECEIPT, "text/xml",
                    Fixtures.bytes("opera/receipt.xml"), "opera", "0pera");

            assertThat(allowed.statusCode()).isEqualTo(201);
            harness.await(harness.opera + ".event", Event.class, event -> event.userMessageId().equals("001efc31"));
            assertThat(harness.drain(harness.clickatell + ".event")).isEmpty();
            assertThat(output.getOut().lines().filter(line -> line.contains("not in the allowed networks")))
                    .singleElement().asString()
                    .contains("WARN").contains("Clickatell webhooks: POST " + CLICKATELL_RECEIPT
                            + " from 127.0.0.1: not in the allowed networks; answered 403");
        }
    }
}
