package io.richmond.sdk.amqp;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The four routing keys of one transport, Vumi's convention: {@code <transport>.inbound} (transport to workers),
 * {@code .outbound} (workers to transport), {@code .event} (acks, nacks, delivery reports) and {@code .failures}
 * (messages nobody could handle). Each key has a durable queue of the same name.
 */
public record TransportQueues(String transportName) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");

    public TransportQueues {
        if (transportName == null || !NAME.matcher(transportName).matches()) {
            throw new IllegalArgumentException(
                    "transport name must be lower-case letters, digits, '_' or '-' (routing keys are lower case), got "
                            + transportName);
        }
    }

    public String inbound() {
        return transportName + ".inbound";
    }

    public String outbound() {
        return transportName + ".outbound";
    }

    public String event() {
        return transportName + ".event";
    }

    public String failures() {
        return transportName + ".failures";
    }

    public List<String> all() {
        return List.of(inbound(), outbound(), event(), failures());
    }
}
