package io.richmond.sdk.amqp;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** Opens the two kinds of connection a Richmond process needs, from one AMQP URI. */
public final class AmqpConnections {

    private AmqpConnections() {
    }

    /**
     * A connection factory for publishing: correlated publisher confirms and returns, so that
     * {@link MessagePublisher} can tell when the broker has a message.
     */
    public static CachingConnectionFactory publisherConnectionFactory(URI uri, String connectionName) {
        CachingConnectionFactory factory = new CachingConnectionFactory(uri);
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        factory.setConnectionNameStrategy(ignored -> connectionName);
        return factory;
    }

    public static RabbitTemplate publisherTemplate(CachingConnectionFactory factory) {
        RabbitTemplate template = new RabbitTemplate(factory);
        template.setMandatory(true);
        return template;
    }

    /**
     * A connection for consumers, with the client's automatic recovery: after a broker restart or a network
     * failure it reconnects and re-registers every consumer with its prefetch. Deliveries are dispatched on the
     * given executor, which bounds how many handlers run at once.
     */
    public static Connection consumerConnection(URI uri, String connectionName, ExecutorService dispatch)
            throws IOException, TimeoutException {
        ConnectionFactory factory = factory(uri);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setSharedExecutor(dispatch);
        return factory.newConnection(connectionName);
    }

    /** A client connection factory for the broker at {@code uri}; a URI the client cannot use throws at once. */
    static ConnectionFactory factory(URI uri) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (GeneralSecurityException | java.net.URISyntaxException e) {
            throw new IllegalArgumentException("bad AMQP URI " + redact(uri) + ": " + e.getMessage(), e);
        }
        return factory;
    }

    /** The URI without its password, for log lines. */
    public static String redact(URI uri) {
        // The raw form: the decoded one is not in the URI's text when the password holds an escaped character.
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || !userInfo.contains(":")) {
            return uri.toString();
        }
        String user = userInfo.substring(0, userInfo.indexOf(':'));
        return uri.toString().replaceFirst(Pattern.quote("//" + userInfo + "@"),
                Matcher.quoteReplacement("//" + user + ":****@"));
    }
}
