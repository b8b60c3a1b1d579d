package io.richmond.sdk.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.richmond.sdk.topology.TopologyConfig.ExchangeSpec;
import io.richmond.sdk.topology.TopologyConfig.QueueSpec;

class TopologyConfigTest {

    private static TopologyConfig parse(String... lines) {
        return TopologyConfig.from(IniFile.parse("topology.ini", List.of(lines)), Map.of());
    }

    @Test
    void bindsEachQueueByItsOwnNameUnlessToldOtherwise() {
        TopologyConfig config = parse("[exchange:richmond]", "[exchange:audit]", "type = fanout",
                "[queue:uppercase]", "exchange = richmond",
                "[queue:watch]", "exchange = richmond", "routing_keys = a.status, b.status",
                "[queue:loose]");

        assertThat(config.exchanges()).containsExactly(new ExchangeSpec("richmond", "direct"),
                new ExchangeSpec("audit", "fanout"));
        assertThat(config.queues()).containsExactly(new QueueSpec("uppercase", "richmond", List.of("uppercase")),
                new QueueSpec("watch", "richmond", List.of("a.status", "b.status")),
                new QueueSpec("loose", null, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown section  | [binding:x]                              | topology.ini: unknown section [binding:x]: a topology config has [amqp], [exchange:<name>] and [queue:<name>] sections
            unnamed queue    | [queue:]                                 | topology.ini: [queue:]: names nothing: write [queue:<name>]
            bad type         | [exchange:x]~type = round-robin          | topology.ini: [exchange:x]: type must be one of direct, fanout, headers, topic, got round-robin
            broker's own     | [exchange:amq.direct]                    | exchange name must be set and not start with 'amq.'
            unknown key      | [queue:q]~durable = false                | topology.ini: [queue:q]: unknown key durable; known keys: exchange, routing_keys
            keys, no exchange | [queue:q]~routing_keys = a              | routing_keys without an exchange to bind on
            nothing          | [amqp]~uri = amqp://rabbit/%2F           | nothing to declare
            """)
    void reportsMistakesClearly(String mistake, String lines, String message) {
        assertThatThrownBy(() -> parse(lines.split("~")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
