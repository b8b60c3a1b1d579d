package io.richmond.ussd;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class UssdTransportApplication {

    public static void main(String[] args) {
        SpringApplication.run(UssdTransportApplication.class, args);
    }
}
