package io.richmond.sms;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

/**
 * Gives the publisher connection a cached channel for every thread that may publish at once: each sender thread
 * publishes its ack, and webhooks publish too. With fewer, every publish beyond the cache opens and closes a channel
 * (a broker round trip each), which caps throughput at a few hundred messages a second.
 */
final class PublisherChannels implements BeanPostProcessor {

    /** Room for the webhooks' Tomcat threads that publish at the same time as the senders. */
    private static final int WEBHOOK_PUBLISHERS = 50;

    private final Environment environment;

    PublisherChannels(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof CachingConnectionFactory factory) {
            // Read from the environment: a post-processor starts before the properties records are bound.
            int senders = environment.getProperty("richmond.sms.clickatell.concurrency", Integer.class, 32)
                    + environment.getProperty("richmond.sms.opera.concurrency", Integer.class, 32);
            factory.setChannelCacheSize(Math.max(factory.getChannelCacheSize(), senders + WEBHOOK_PUBLISHERS));
        }
        return bean;
    }
}
