package io.richmond.sms;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings both gateways share ({@code richmond.sms.*}); each gateway has its own under
 * {@code richmond.sms.clickatell.*} and {@code richmond.sms.opera.*}, the broker is {@code richmond.amqp.*}.
 *
 * @param retry   how sends that failed for a reason that may pass are tried again
 * @param webhook limits of the provider-facing HTTP endpoints
 */
@ConfigurationProperties("richmond.sms")
public record SmsTransportProperties(@DefaultValue Retry retry, @DefaultValue Webhook webhook) {

    /**
     * @param maxAttempts  sends of one message in all, the first included, before it is nacked
     * @param initialDelay wait before the second attempt
     * @param multiplier   each later wait is the previous one times this
     * @param maxDelay     no wait is longer than this
     */
    public record Retry(@DefaultValue("6") int maxAttempts,
            @DefaultValue("5s") Duration initialDelay,
            @DefaultValue("3") double multiplier,
            @DefaultValue("10m") Duration maxDelay) {
    }

    /**
     * @param maxBodySize    larger request bodies are refused with 413
     * @param confirmTimeout how long a webhook waits for RabbitMQ to confirm what it published before answering 503
     */
    public record Webhook(@DefaultValue("64KB") DataSize maxBodySize,
            @DefaultValue("10s") Duration confirmTimeout) {
    }
}
