package io.richmond.sms.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which callers a provider's {@code allowed-networks} let through, and which settings it refuses. */
class AllowedNetworksTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "196.11.240.0/24 | 196.11.240.0 | true",
            "196.11.240.0/24 | 196.11.240.255 | true",
            "196.11.240.0/24 | 196.11.241.0 | false",
            "196.11.240.0/23 | 196.11.241.9 | true",
            "196.11.240.0/23 | 196.11.242.9 | false",
            "' 196.11.240.0/24 ' | 196.11.240.9 | true",
            "10.0.0.0/8 | 127.0.0.1 | false",
            "127.0.0.0/8 | 127.0.0.1 | true",
            "127.0.0.1 | 127.0.0.2 | false",
            "0.0.0.0/0 | 8.8.8.8 | true",
            "2001:db8::/32 | 2001:db8:ffff::1 | true",
            "2001:db8::/32 | 2001:db9::1 | false",
            "2001:db8::/33 | 2001:db8:8000::1 | false",
            "::1 | 0:0:0:0:0:0:0:1 | true",
            "::1 | 127.0.0.1 | false",
            "196.11.240.0/24 | ::ffff:196.11.240.9 | true",
            "196.11.240.0/24 | fe80::1%eth0 | false",
            "196.11.240.0/24 | not-an-address | false"})
    void letsThroughOnlyCallersInTheNetworks(String network, String caller, boolean admitted) {
        assertThat(guard(List.of(network)).admitsAddress(caller)).isEqualTo(admitted);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.1.2.3 | true",
            "172.16.0.1 | true",
            "192.168.0.1 | false"})
    void anyOfSeveralNetworksWillDo(String caller, boolean admitted) {
        assertThat(guard(List.of("10.0.0.0/8", "172.16.0.0/12")).admitsAddress(caller)).isEqualTo(admitted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "203.0.113.7"})
    void noNetworksLetsEveryAddressThrough(String caller) {
        assertThat(guard(List.of()).admitsAddress(caller)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "localhost/8", "256.0.0.0/8", "10.0.0.0/33", "::1/129", "10.0.0.0/", ""})
    void refusesWhatIsNotANetwork(String network) {
        assertThatThrownBy(() -> WebhookGuard.networks(List.of(network)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(webhook(List.of(network)).problems()).singleElement().satisfies(problem -> assertThat(problem.what())
                .contains("allowed-networks[0] '" + network + "' is not a network"));
    }

    private static WebhookGuard guard(List<String> networks) {
        return new WebhookGuard(webhook(networks));
    }

    private static ProviderWebhook webhook(List<String> networks) {
        return new ProviderWebhook("clickatell", "/api/v1/sms/clickatell/",
                new WebhookAccess("clickatell", "secret", false, networks));
    }
}
