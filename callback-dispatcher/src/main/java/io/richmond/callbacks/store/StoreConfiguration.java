package io.richmond.callbacks.store;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.richmond.callbacks.DispatcherProperties;

@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    /** JDBC blocks: it gets its own threads, so that neither the consumers nor the HTTP client wait on it. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService storeExecutor(DispatcherProperties properties) {
        return Executors.newFixedThreadPool(properties.storeThreads());
    }
}
