package io.richmond.callbacks.http;

import java.net.http.HttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.richmond.callbacks.DispatcherProperties;
import io.richmond.sdk.net.PublicUrlGuard;

@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    @Bean
    PublicUrlGuard publicUrlGuard(DispatcherProperties properties) {
        return new PublicUrlGuard(properties.allowedHosts());
    }

    @Bean
    HostLimiter hostLimiter(DispatcherProperties properties) {
        return new HostLimiter(properties.perHostConcurrency(), properties.perHostQueue());
    }

    @Bean
    CallbackHttp callbackHttp(PublicUrlGuard guard, DispatcherProperties properties) {
        // HTTP/1.1: an h2c upgrade attempt on every new connection confuses some receivers and gains nothing here.
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout())
                .build();
        return new CallbackHttp(client, guard, properties.timeout(), properties.maxRedirects());
    }
}
