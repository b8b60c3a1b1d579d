package io.richmond.sms.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProviderWebhookTest {

    private static ProviderWebhook opera(String username, String password, boolean open, String... networks) {
        return new ProviderWebhook("opera", "/api/v1/sms/opera/", new WebhookAccess(username, password, open,
                List.of(networks)));
    }

    static Stream<Arguments> protectedOrExplicitlyOpen() {
        return Stream.of(
                Arguments.of(opera("opera", "0pera", false)),
                Arguments.of(opera("opera", "0pera", true)),
                Arguments.of(opera("", "", true)),
                Arguments.of(opera(null, null, true)),
                Arguments.of(opera("", "", true, "10.0.0.0/8", "2001:db8::/32", "192.0.2.1")),
                Arguments.of(opera("opera", "pass word: with spaces", false)));
    }

    @ParameterizedTest
    @MethodSource("protectedOrExplicitlyOpen")
    void settingsThatProtectOrOpenOnPurposeHaveNoProblem(ProviderWebhook webhook) {
        assertThat(webhook.problems()).isEmpty();
    }

    static Stream<Arguments> unprotected() {
        return Stream.of(
                Arguments.of(opera("", "", false), "richmond.sms.opera.webhook.username and .password are empty,"
                        + " so anyone who reaches the port could post Opera receipts and inbound SMS",
                        "set richmond.sms.opera.webhook.username and .password (RICHMOND_SMS_OPERA_WEBHOOK_USERNAME,"
                                + " RICHMOND_SMS_OPERA_WEBHOOK_PASSWORD) to the HTTP Basic credentials configured at"
                                + " Opera, or set richmond.sms.opera.webhook.allow-unauthenticated: true to leave its"
                                + " webhooks open to anyone"),
                Arguments.of(opera("  ", " ", false), "richmond.sms.opera.webhook.username and .password are"
                        + " empty", "set richmond.sms.opera.webhook.username and .password"),
                Arguments.of(opera("opera", "", false), "richmond.sms.opera.webhook.username is set but"
                        + " richmond.sms.opera.webhook.password is empty",
                        "set richmond.sms.opera.webhook.password (RICHMOND_SMS_OPERA_WEBHOOK_PASSWORD) too"),
                Arguments.of(opera("", "0pera", true), "richmond.sms.opera.webhook.password is set but"
                        + " richmond.sms.opera.webhook.username is empty",
                        "set richmond.sms.opera.webhook.username (RICHMOND_SMS_OPERA_WEBHOOK_USERNAME) too"),
                Arguments.of(opera("op:era", "0pera", false), "richmond.sms.opera.webhook.username contains ':',"
                        + " which HTTP Basic cannot carry in a user name", "choose a user name without ':'"),
                Arguments.of(opera("opera", "0pera", false, "10.0.0.0/8", "opera.example.com"),
                        "richmond.sms.opera.webhook.allowed-networks[1] 'opera.example.com' is not a network:"
                                + " ipAddress opera.example.com doesn't look like an IP Address",
                        "write networks as CIDRs (196.11.240.0/24, 2001:db8::/32) or single addresses"));
    }

    @ParameterizedTest
    @MethodSource("unprotected")
    void eachProblemNamesTheSettingAndTheFix(ProviderWebhook webhook, String what, String fix) {
        assertThat(webhook.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.what()).startsWith(what);
            assertThat(problem.fix()).startsWith(fix);
        });
    }

    @Test
    void theFilterIsRefusedWithEveryProblemOfEveryProvider() {
        ProviderWebhook clickatell = new ProviderWebhook("clickatell", "/api/v1/sms/clickatell/",
                new WebhookAccess("", "", false, List.of()));

        assertThatThrownBy(() -> WebhookAccessFilter.of(List.of(clickatell, opera("opera", "", false, "::1/129"))))
                .isInstanceOfSatisfying(WebhookAccessException.class, e -> assertThat(e.problems()).hasSize(3))
                .hasMessageStartingWith("The provider webhooks cannot be protected as configured:"
                        + " richmond.sms.clickatell.webhook.username and .password are empty")
                .hasMessageContaining("richmond.sms.opera.webhook.allowed-networks[0] '::1/129' is not a network");
    }

    @Test
    void thePasswordIsNeverShown() {
        assertThat(opera("opera", "t0p-secret", false)).asString().doesNotContain("t0p-secret");
    }
}
