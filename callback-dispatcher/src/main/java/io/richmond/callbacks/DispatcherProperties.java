package io.richmond.callbacks;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dispatcher's settings ({@code richmond.callbacks.*}; {@code RICHMOND_CALLBACKS_TIMEOUT} and so on override
 * them). Every key is described in README.md.
 *
 * @param busPrefix put before every queue name, as api-service's {@code richmond.api.bus-prefix}
 * @param allowedHosts host names or literal addresses that may be called although they are loopback, private,
 *     link-local or metadata addresses (the local dev setup and tests: {@code localhost,127.0.0.1})
 * @param timeout how long one POST may take, answer included, before it counts as failed
 * @param connectTimeout how long opening a connection may take
 * @param maxRedirects redirects followed for one attempt
 * @param perHostConcurrency requests in flight at once to one host and port
 * @param perHostQueue deliveries waiting for one host's permit; beyond it they go round the shortest delay queue
 *     without counting an attempt, so a slow host cannot hold every prefetched delivery
 * @param consumers channels (and dispatch threads) per consumed queue
 * @param storeThreads threads reading secrets and writing dead deliveries (JDBC blocks; HTTP does not); the
 *     attempts' batches have two threads of their own
 * @param secretCacheTtl how long an account's secret is reused before it is read again (a rotation takes effect
 *     within it)
 * @param retry the back-off
 */
@ConfigurationProperties("richmond.callbacks")
public record DispatcherProperties(
        @DefaultValue("") String busPrefix,
        @DefaultValue("") List<String> allowedHosts,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("5") int maxRedirects,
        @DefaultValue("32") int perHostConcurrency,
        @DefaultValue("200") int perHostQueue,
        @DefaultValue("4") int consumers,
        @DefaultValue("8") int storeThreads,
        @DefaultValue("30s") Duration secretCacheTtl,
        @DefaultValue Retry retry) {

    /**
     * Waits {@code initialDelay}, then {@code multiplier} times longer each time, never longer than
     * {@code maxDelay}, for as many attempts as fit in {@code giveUpAfter}.
     */
    public record Retry(
            @DefaultValue("10s") Duration initialDelay,
            @DefaultValue("2") double multiplier,
            @DefaultValue("1h") Duration maxDelay,
            @DefaultValue("24h") Duration giveUpAfter) {
    }
}
