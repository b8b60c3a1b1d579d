package io.richmond.sdk.boot;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The broker every Richmond service talks to ({@code richmond.amqp.*}; {@code RICHMOND_AMQP_URI} and friends
 * override them).
 *
 * @param uri the broker, with user, password and vhost ({@code %2F} is the vhost "/")
 * @param exchange the durable direct exchange every service publishes on
 * @param prefetch unacknowledged messages each consumer holds at once
 * @param publisherChannels channels Richmond's publisher keeps open in confirm mode; publishes share them in
 *     turn, so a few serve many threads
 * @param channelCacheSize channels Spring's connection factory keeps for declarations and {@code RabbitTemplate}
 *     publishes; below the number of threads using it at once, each one beyond it opens and closes a channel
 */
@ConfigurationProperties("richmond.amqp")
public record RichmondAmqpProperties(
        @DefaultValue("amqp://guest:guest@127.0.0.1:5672/%2F") URI uri,
        @DefaultValue("richmond") String exchange,
        @DefaultValue("20") int prefetch,
        @DefaultValue("8") int publisherChannels,
        @DefaultValue("64") int channelCacheSize) {
}
