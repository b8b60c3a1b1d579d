package io.richmond.callbacks;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Consumes {@code callbacks.jobs} and posts each job to its URLs (README.md). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CallbackDispatcherApplication {

    public static void main(String[] args) {
        SpringApplication.run(CallbackDispatcherApplication.class, args);
    }

    /** A bean so that the signature's timestamp and the log's times come from one place. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
