package io.richmond.sms.outbound;

import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * The HTTP client a gateway sends with: a keep-alive pool with a connection per consumer thread, so that no send
 * waits for a connection or opens one, and no automatic retries, because the transport retries through RabbitMQ.
 * Declare the factory as a bean so that the context closes its pool.
 */
public final class ProviderHttp {

    private ProviderHttp() {
    }

    /**
     * @param connections    pooled connections to the provider, one per thread that sends
     * @param connectTimeout how long to wait for a connection to open
     * @param timeout        how long to wait for the provider's answer
     */
    public static HttpComponentsClientHttpRequestFactory requestFactory(int connections, Duration connectTimeout,
            Duration timeout) {
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(timeout))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(timeout))
                        .setConnectionRequestTimeout(Timeout.of(timeout))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .build();
        return new HttpComponentsClientHttpRequestFactory(client);
    }
}
