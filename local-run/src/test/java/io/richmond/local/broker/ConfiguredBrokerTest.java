package io.richmond.local.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfiguredBrokerTest {

    @Test
    void embedsABrokerWhenNoneIsConfigured() {
        assertThat(ConfiguredBroker.fromEnvironment(Map.of())).isEmpty();
        assertThat(ConfiguredBroker.fromEnvironment(Map.of("RICHMOND_AMQP_URI", "  "))).isEmpty();
    }

    @Test
    void usesTheConfiguredBrokerInsteadOfEmbeddingOne() {
        ConfiguredBroker broker = ConfiguredBroker.fromEnvironment(
                Map.of("RICHMOND_AMQP_URI", "amqp://richmond:s3cret@rabbit.local:5672/%2F")).orElseThrow();

        assertThat(broker.uri()).isEqualTo(URI.create("amqp://richmond:s3cret@rabbit.local:5672/%2F"));
        assertThat(broker.serviceEnvironment())
                .containsExactly(Map.entry("RICHMOND_AMQP_URI", "amqp://richmond:s3cret@rabbit.local:5672/%2F"));
        assertThat(broker.displayUri()).isEqualTo("amqp://richmond:****@rabbit.local:5672/%2F");
        assertThat(broker.description())
                .isEqualTo("amqp://richmond:****@rabbit.local:5672/%2F (from RICHMOND_AMQP_URI)");
    }

    @Test
    void showsAUriWithoutPasswordAsItIs() {
        ConfiguredBroker broker = ConfiguredBroker.fromEnvironment(
                Map.of("RICHMOND_AMQP_URI", "amqps://rabbit.local/richmond")).orElseThrow();

        assertThat(broker.displayUri()).isEqualTo("amqps://rabbit.local/richmond");
    }

    @Test
    void refusesAUriThatIsNotAmqp() {
        assertThatThrownBy(() -> ConfiguredBroker.fromEnvironment(
                Map.of("RICHMOND_AMQP_URI", "http://guest:guest@127.0.0.1:15672/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RICHMOND_AMQP_URI must be an amqp:// or amqps:// URI, got"
                        + " 'http://guest:****@127.0.0.1:15672/'");
    }

    @Test
    void refusesSomethingThatIsNotAUri() {
        assertThatThrownBy(() -> ConfiguredBroker.fromEnvironment(Map.of("RICHMOND_AMQP_URI", "amqp://a b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("RICHMOND_AMQP_URI is not a URI: ");
    }
}
