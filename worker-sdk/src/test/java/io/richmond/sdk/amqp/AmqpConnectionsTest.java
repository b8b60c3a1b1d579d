package io.richmond.sdk.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmqpConnectionsTest {

    private final ExecutorService dispatch = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopDispatch() {
        dispatch.shutdownNow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            amqp://guest:guest@127.0.0.1:5672/%2F   | amqp://guest:****@127.0.0.1:5672/%2F
            amqps://richmond:s3cret@rabbit.example/prod | amqps://richmond:****@rabbit.example/prod
            amqp://richmond:p%40ss%3Aword@rabbit/    | amqp://richmond:****@rabbit/
            amqp://rabbit:rabbit@rabbit/rabbit       | amqp://rabbit:****@rabbit/rabbit
            amqp://richmond@rabbit/                  | amqp://richmond@rabbit/
            amqp://rabbit:5672/%2F                   | amqp://rabbit:5672/%2F
            """)
    void redactHidesThePasswordHoweverItIsWritten(String uri, String redacted) {
        assertThat(AmqpConnections.redact(URI.create(uri))).isEqualTo(redacted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://guest:guest@127.0.0.1:5672/", "rabbit:5672"})
    void consumerConnectionRejectsAUriThatIsNotAmqp(String uri) {
        assertThatThrownBy(() -> AmqpConnections.consumerConnection(URI.create(uri), "test", dispatch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AMQP URI");
    }

    @Test
    void publisherConnectionFactoryRejectsAUriThatIsNotAmqp() {
        assertThatThrownBy(() -> AmqpConnections.publisherConnectionFactory(
                URI.create("http://guest:guest@127.0.0.1:5672/"), "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AMQP URI");
    }

    @Test
    void publisherConnectionFactoryConfirmsAndReturns() {
        var factory = AmqpConnections.publisherConnectionFactory(URI.create("amqp://guest:guest@127.0.0.1/%2F"),
                "test");
        try {
            // Without both, MessagePublisher's futures would never complete, or never see a return.
            assertThat(factory.isPublisherConfirms()).isTrue();
            assertThat(factory.isPublisherReturns()).isTrue();
            assertThat(AmqpConnections.publisherTemplate(factory).isMandatoryFor(
                    new org.springframework.amqp.core.Message(new byte[0]))).isTrue();
        } finally {
            factory.destroy();
        }
    }
}
