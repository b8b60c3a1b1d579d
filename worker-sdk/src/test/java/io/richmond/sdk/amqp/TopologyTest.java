package io.richmond.sdk.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.core.TopicExchange;

import io.richmond.testsupport.RequiresRabbitMq;

@RequiresRabbitMq
class TopologyTest {

    private final TestBroker broker = new TestBroker(TopologyTest.class);

    @AfterEach
    void deleteWhatTheTestDeclared() {
        broker.close();
    }

    @Test
    void isOneDurableDirectExchangeAndADurableQueuePerKeyBoundByItsOwnName() {
        Declarables declarables = Topology.of("richmond", new TransportQueues("truteq"));

        assertThat(declarables.getDeclarablesByType(DirectExchange.class)).singleElement().satisfies(exchange -> {
            assertThat(exchange.getName()).isEqualTo("richmond");
            assertThat(exchange.isDurable()).isTrue();
            assertThat(exchange.isAutoDelete()).isFalse();
        });
        assertThat(declarables.getDeclarablesByType(Queue.class)).allSatisfy(queue -> {
            assertThat(queue.isDurable()).isTrue();
            assertThat(queue.isExclusive()).isFalse();
            assertThat(queue.isAutoDelete()).isFalse();
        }).extracting(Queue::getName)
                .containsExactly("truteq.inbound", "truteq.outbound", "truteq.event", "truteq.failures");
        assertThat(declarables.getDeclarablesByType(Binding.class)).allSatisfy(binding -> {
            assertThat(binding.getExchange()).isEqualTo("richmond");
            assertThat(binding.getRoutingKey()).isEqualTo(binding.getDestination());
        }).hasSize(4);
    }

    @Test
    void declaresTheQueuesOnTheBrokerBoundToTheExchange() {
        broker.declareTransport();

        for (String queue : broker.queues().all()) {
            broker.publishRaw(queue, queue.getBytes(StandardCharsets.UTF_8));
            assertThat(new String(broker.awaitMessage(queue).getBody(), StandardCharsets.UTF_8)).isEqualTo(queue);
        }
    }

    @Test
    void declaringAgainIsHarmlessAndKeepsWhatTheQueuesHold() {
        broker.declareTransport();
        broker.publishRaw(broker.queues().inbound(), "kept".getBytes(StandardCharsets.UTF_8));

        broker.declareTransport();

        QueueInformation inbound = broker.admin().getQueueInfo(broker.queues().inbound());
        assertThat(inbound.getMessageCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @NullAndEmptySource
    // "" is the default exchange and "amq." names are the broker's own: neither can be declared.
    @ValueSource(strings = {"  ", "amq.richmond"})
    void rejectsAnExchangeNameTheBrokerWouldRefuse(String exchange) {
        assertThatThrownBy(() -> Topology.of(exchange, new TransportQueues("truteq")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exchange name");
    }

    @Test
    void rejectsATransportThatIsMissing() {
        assertThatThrownBy(() -> Topology.of("richmond", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("queues");
    }

    @Test
    void refusesToDeclareWhatItDoesNotKnowInsteadOfSkippingIt() {
        Declarables foreign = new Declarables(new TopicExchange(broker.exchange()));

        assertThatThrownBy(() -> Topology.declare(broker.admin(), foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot declare");
    }

    @Test
    void failsLoudlyWhenAQueueExistsWithOtherArguments() {
        // Someone declared the queue non-durable: carrying on would lose messages on a broker restart.
        broker.admin().declareQueue(new Queue(broker.queues().inbound(), false, false, false));

        assertThatThrownBy(broker::declareTransport)
                .rootCause()
                .hasMessageContaining("PRECONDITION_FAILED")
                .hasMessageContaining("durable");
    }
}
