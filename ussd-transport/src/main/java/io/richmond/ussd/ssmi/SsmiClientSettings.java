package io.richmond.ussd.ssmi;

import io.richmond.ussd.ssmi.SsmiCommand.Login;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link SsmiClient} connects to TruTeq.
 *
 * @param charset               of every line both ways; TruTeq production uses ISO-8859-1
 * @param linkCheckPeriod       between link checks ({@code SSMI,3}); two unanswered ones close the connection. Also
 *                              how long the client waits for the answer to its login.
 * @param reconnectInitialDelay before the first reconnect; doubles on each further attempt
 * @param reconnectMaxDelay     cap on the reconnect delay
 * @param maxLineLength         longest inbound line, in bytes; longer ones are dropped
 */
public record SsmiClientSettings(String host, int port, String username, String password, Charset charset,
                                 Duration linkCheckPeriod, Duration reconnectInitialDelay, Duration reconnectMaxDelay,
                                 int maxLineLength) {

    public static final Duration DEFAULT_LINK_CHECK_PERIOD = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RECONNECT_INITIAL_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(60);

    public SsmiClientSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(charset, "charset");
        requirePositive(linkCheckPeriod, "linkCheckPeriod");
        requirePositive(reconnectInitialDelay, "reconnectInitialDelay");
        requirePositive(reconnectMaxDelay, "reconnectMaxDelay");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
        }
        if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
            throw new IllegalArgumentException("reconnectMaxDelay " + reconnectMaxDelay
                    + " is shorter than reconnectInitialDelay " + reconnectInitialDelay);
        }
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be positive, not " + maxLineLength);
        }
        try {
            // Fail now rather than on every connect: a comma in the username would shift the login fields.
            SsmiCodec.format(new Login(username, password));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("username and password cannot be sent as SSMI,1,username,password: "
                    + e.getMessage(), e);
        }
    }

    /** ISO-8859-1, link check every 60 s, reconnect after 1 s doubling up to 60 s, lines up to 8192 bytes. */
    public SsmiClientSettings(String host, int port, String username, String password) {
        this(host, port, username, password, SsmiPipeline.DEFAULT_CHARSET, DEFAULT_LINK_CHECK_PERIOD,
                DEFAULT_RECONNECT_INITIAL_DELAY, DEFAULT_RECONNECT_MAX_DELAY, SsmiPipeline.DEFAULT_MAX_LINE_LENGTH);
    }

    public SsmiClientSettings withLinkCheckPeriod(Duration period) {
        return new SsmiClientSettings(host, port, username, password, charset, period, reconnectInitialDelay,
                reconnectMaxDelay, maxLineLength);
    }

    public SsmiClientSettings withReconnectDelays(Duration initial, Duration max) {
        return new SsmiClientSettings(host, port, username, password, charset, linkCheckPeriod, initial, max,
                maxLineLength);
    }

    /** {@code host:port}, for log lines. */
    public String endpoint() {
        return host + ":" + port;
    }

    /** Keeps the password out of log lines. */
    @Override
    public String toString() {
        return "SsmiClientSettings[host=" + host + ", port=" + port + ", username=" + username + ", password=***"
                + ", charset=" + charset + ", linkCheckPeriod=" + linkCheckPeriod
                + ", reconnectInitialDelay=" + reconnectInitialDelay + ", reconnectMaxDelay=" + reconnectMaxDelay
                + ", maxLineLength=" + maxLineLength + "]";
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
    }
}
