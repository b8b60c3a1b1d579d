package io.richmond.sdk.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.richmond.sdk.amqp.Topology;

/**
 * What {@code richmond-topology} declares (see {@code config/topology.ini}): an optional {@code [amqp]} section,
 * {@code [exchange:<name>]} sections (durable, {@code type} direct by default) and {@code [queue:<name>]} sections
 * (durable, bound on {@code exchange} by each of {@code routing_keys}, by default the queue's own name).
 */
public record TopologyConfig(AmqpSettings amqp, List<ExchangeSpec> exchanges, List<QueueSpec> queues) {

    public record ExchangeSpec(String name, String type) {
    }

    /** @param exchange null for a queue bound to nothing */
    public record QueueSpec(String name, String exchange, List<String> routingKeys) {
    }

    private static final String EXCHANGE_PREFIX = "exchange:";
    private static final String QUEUE_PREFIX = "queue:";
    private static final Set<String> EXCHANGE_TYPES = Set.of("direct", "topic", "fanout", "headers");

    public TopologyConfig {
        exchanges = List.copyOf(exchanges);
        queues = List.copyOf(queues);
        if (exchanges.isEmpty() && queues.isEmpty()) {
            throw new IllegalArgumentException("no [exchange:<name>] nor [queue:<name>] section: nothing to declare");
        }
    }

    public static TopologyConfig from(IniFile ini, Map<String, String> environment) {
        List<ExchangeSpec> exchanges = new ArrayList<>();
        List<QueueSpec> queues = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> section : ini.sections().entrySet()) {
            String header = section.getKey();
            Map<String, String> values = section.getValue();
            String where = ini.source() + ": [" + header + "]: ";
            if (header.equals(AmqpSettings.SECTION)) {
                continue;
            }
            if (header.startsWith(EXCHANGE_PREFIX)) {
                String name = name(where, header, EXCHANGE_PREFIX);
                knownKeys(where, values, "type");
                String type = values.getOrDefault("type", "direct").toLowerCase(Locale.ROOT);
                if (!EXCHANGE_TYPES.contains(type)) {
                    throw new IllegalArgumentException(where + "type must be one of direct, fanout, headers, topic,"
                            + " got " + type);
                }
                try {
                    Topology.checkExchangeName(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + e.getMessage(), e);
                }
                exchanges.add(new ExchangeSpec(name, type));
            } else if (header.startsWith(QUEUE_PREFIX)) {
                String name = name(where, header, QUEUE_PREFIX);
                knownKeys(where, values, "exchange", "routing_keys");
                String exchange = values.get("exchange");
                if (exchange != null && exchanges.stream().noneMatch(declared -> declared.name().equals(exchange))) {
                    throw new IllegalArgumentException(where + "exchange " + exchange + " is not declared by an"
                            + " [exchange:" + exchange + "] section above");
                }
                if (exchange == null && values.containsKey("routing_keys")) {
                    throw new IllegalArgumentException(where + "routing_keys without an exchange to bind on");
                }
                List<String> keys = exchange == null ? List.of()
                        : values.containsKey("routing_keys") ? list(values.get("routing_keys")) : List.of(name);
                queues.add(new QueueSpec(name, exchange, keys));
            } else {
                throw new IllegalArgumentException(ini.source() + ": unknown section [" + header + "]: a topology"
                        + " config has [amqp], [exchange:<name>] and [queue:<name>] sections");
            }
        }
        return new TopologyConfig(AmqpSettings.from(ini, environment), exchanges, queues);
    }

    private static String name(String where, String header, String prefix) {
        String name = header.substring(prefix.length()).strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(where + "names nothing: write [" + prefix + "<name>]");
        }
        return name;
    }

    private static void knownKeys(String where, Map<String, String> values, String... known) {
        for (String key : values.keySet()) {
            if (!Arrays.asList(known).contains(key)) {
                throw new IllegalArgumentException(where + "unknown key " + key + "; known keys: "
                        + String.join(", ", known));
            }
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(key -> !key.isEmpty()).toList();
    }
}
