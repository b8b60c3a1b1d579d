package io.richmond.local.broker;

import java.net.URI;
import java.util.Map;

/** The AMQP broker the services of a local run talk to: started here, or one the user configured. */
public interface Broker extends AutoCloseable {

    /** The broker, with user, password and virtual host, as the services read it from RICHMOND_AMQP_URI. */
    URI uri();

    /** What the banner shows: the URI, without a password the user did not choose to show. */
    String displayUri();

    /** One line for the start-up output: which broker this is and how to choose another. */
    String description();

    default Map<String, String> serviceEnvironment() {
        return Map.of("RICHMOND_AMQP_URI", uri().toString());
    }

    /** Stops a broker started here; leaves a configured one alone. */
    @Override
    void close();
}
