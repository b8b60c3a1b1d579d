package io.richmond.sms;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SmsTransportApplication {

    public static void main(String[] args) {
        SpringApplication.run(SmsTransportApplication.class, args);
    }

    /** Opera's Delivery and Expiry come from it; a bean so that tests can fix the time the fixtures were made at. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
