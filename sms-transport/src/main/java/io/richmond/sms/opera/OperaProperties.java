package io.richmond.sms.opera;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.richmond.sms.webhook.WebhookAccess;

/**
 * Opera's EAPI XML-RPC gateway ({@code richmond.sms.opera.*}).
 *
 * @param transportName  the transport's name: its queues are {@code <name>.outbound}, {@code .event}, ...
 * @param url            the XML-RPC endpoint {@code EAPIGateway.SendSMS} is called on
 * @param service        the {@code Service} id Opera assigned
 * @param password       the {@code Password} Opera assigned
 * @param channel        the {@code Channel} Opera assigned
 * @param priority       {@code Priority} of every message: {@code standard} or {@code high}
 * @param receipt        {@code Receipt}: {@code Y} to get delivery receipts, {@code N} not to
 * @param validity       {@code Expiry} is {@code Delivery} (now) plus this
 * @param maxSegments    {@code MaxSegments}: how many parts a long message may be split into (1 to 9)
 * @param concurrency    messages sent at once: consumer threads, and pooled HTTP connections
 * @param connectTimeout how long to wait for a connection to Opera
 * @param timeout        how long to wait for Opera's answer before the send counts as failed and is retried
 * @param webhook        who may call the receipt and receive webhooks: the HTTP Basic credentials Opera must
 *                       send, the networks it calls from
 */
@ConfigurationProperties("richmond.sms.opera")
public record OperaProperties(
        @DefaultValue("opera") String transportName,
        @DefaultValue("https://dragon.sa.operatelecom.com:1089/Gateway") URI url,
        @DefaultValue("") String service,
        @DefaultValue("") String password,
        @DefaultValue("") String channel,
        @DefaultValue("standard") String priority,
        @DefaultValue("Y") String receipt,
        @DefaultValue("1d") Duration validity,
        @DefaultValue("9") int maxSegments,
        @DefaultValue("32") int concurrency,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue WebhookAccess webhook) {
}
