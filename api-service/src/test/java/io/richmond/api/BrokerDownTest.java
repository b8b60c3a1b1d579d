package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.richmond.sdk.amqp.ConfirmingPublisher;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.boot.RichmondAmqpProperties;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;
import io.richmond.testsupport.Fixtures;
import io.richmond.testsupport.LocalServices;
import io.richmond.testsupport.TcpRelay;

/**
 * RabbitMQ unreachable while sending: the SMS publisher's connection points at a closed port. The API still
 * answers 200; once the broker is reachable the sweeper publishes what was accepted.
 */
class BrokerDownTest extends ApiTestBase {

    @TestConfiguration(proxyBeanMethods = false)
    static class UnreachableBroker {

        /** Down until the test starts it: the SMS publisher's connections are refused. */
        @Bean(destroyMethod = "close")
        TcpRelay brokerRelay() {
            URI real = LocalServices.amqpUri().orElseThrow();
            return new TcpRelay(real.getHost(), real.getPort());
        }

        /** Only the SMS publisher goes through the relay: the admin and the consumers keep Boot's connection. */
        @Bean
        MessagePublisher smsPublisher(TcpRelay brokerRelay, MessageCodec codec, RichmondAmqpProperties amqp) {
            URI real = LocalServices.amqpUri().orElseThrow();
            URI relayed = URI.create(real.getScheme() + "://" + real.getRawUserInfo() + "@127.0.0.1:"
                    + brokerRelay.port() + real.getRawPath());
            return new MessagePublisher(new ConfirmingPublisher(relayed, "sms publisher", 1), codec, amqp.exchange());
        }
    }

    @Autowired
    private TcpRelay brokerRelay;
    @Autowired
    private MessageCodec codec;

    @Test
    void anSmsAcceptedWhileTheBrokerIsDownIsPublishedWhenItIsBack() throws Exception {
        String user = newAccount("down");

        long id = ok(postForm(user, "/api/v1/sms/clickatell/send.json", Fixtures.text("richmond/send_request.txt")))
                .get(0).get("id").asLong();

        try (TestQueues queues = new TestQueues()) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> unpublished(id)
                    && queues.count(queue("clickatell.outbound")) == 0);

            brokerRelay.start();

            UserMessage published = codec.decode(queues.take(queue("clickatell.outbound"), 1, DEADLINE).get(0),
                    UserMessage.class);
            assertThat(published.content()).isEqualTo("hello world");
            assertThat(published.messageId()).isEqualTo(jdbc.queryForObject(
                    "select message_id from sent_sms where id = ?", String.class, id));
            await().atMost(DEADLINE).until(() -> !unpublished(id));
        }
    }

    private boolean unpublished(long id) {
        return jdbc.queryForObject("select published_at is null from sent_sms where id = ?", Boolean.class, id);
    }
}
