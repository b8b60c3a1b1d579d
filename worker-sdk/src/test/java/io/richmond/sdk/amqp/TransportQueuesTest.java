package io.richmond.sdk.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TransportQueuesTest {

    @Test
    void namesEachQueueAfterTheTransportAndItsRoleAsVumiDoes() {
        TransportQueues queues = new TransportQueues("truteq");

        assertThat(queues.inbound()).isEqualTo("truteq.inbound");
        assertThat(queues.outbound()).isEqualTo("truteq.outbound");
        assertThat(queues.event()).isEqualTo("truteq.event");
        assertThat(queues.failures()).isEqualTo("truteq.failures");
        assertThat(queues.all()).containsExactly("truteq.inbound", "truteq.outbound", "truteq.event",
                "truteq.failures");
    }

    @ParameterizedTest
    @ValueSource(strings = {"truteq", "clickatell", "opera", "truteq_transport", "sms-2", "0"})
    void acceptsLowerCaseLettersDigitsUnderscoresAndDashes(String name) {
        assertThat(new TransportQueues(name).transportName()).isEqualTo(name);
    }

    @ParameterizedTest
    @NullAndEmptySource
    // A dot would make "a.b" + ".inbound" ambiguous with transport "a"; '#' and '*' mean something in topic keys.
    @ValueSource(strings = {" ", "TruTeq", "tru teq", "tru.teq", "truteq#", "tru*", "trutéq", "truteq\n"})
    void rejectsAnyOtherTransportNameNamingTheRule(String name) {
        assertThatThrownBy(() -> new TransportQueues(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transport name must be lower-case letters, digits, '_' or '-'");
    }
}
