package io.richmond.sms.clickatell;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.richmond.sms.webhook.WebhookAccess;

/**
 * Clickatell's legacy HTTP API ({@code richmond.sms.clickatell.*}).
 *
 * @param transportName  the transport's name: its queues are {@code <name>.outbound}, {@code .event}, ...
 * @param baseUrl        the API's base URL; {@code /auth} and {@code /sendmsg} are appended
 * @param apiId          the HTTP API's {@code api_id}
 * @param username       the Clickatell user
 * @param password       the Clickatell password
 * @param auth           {@code session}: log in once and send with {@code session_id}, logging in again when it
 *                       expires; {@code per-call}: send the credentials with every message
 * @param concurrency    messages sent at once: consumer threads, and pooled HTTP connections
 * @param connectTimeout how long to wait for a connection to Clickatell
 * @param timeout        how long to wait for Clickatell's answer before the send counts as failed and is retried
 * @param moTimeZone     the time zone of an inbound SMS's {@code timestamp} (Clickatell sends GMT+2)
 * @param webhook        who may call the receipt and receive webhooks: the HTTP Basic credentials Clickatell must
 *                       send, the networks it calls from
 */
@ConfigurationProperties("richmond.sms.clickatell")
public record ClickatellProperties(
        @DefaultValue("clickatell") String transportName,
        @DefaultValue("https://api.clickatell.com/http") URI baseUrl,
        @DefaultValue("") String apiId,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("session") AuthMode auth,
        @DefaultValue("32") int concurrency,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("+02:00") ZoneOffset moTimeZone,
        @DefaultValue WebhookAccess webhook) {

    /** How each call proves who we are. */
    public enum AuthMode {
        SESSION, PER_CALL
    }
}
