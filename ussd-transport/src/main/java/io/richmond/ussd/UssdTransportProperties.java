package io.richmond.ussd;

import java.nio.charset.Charset;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The USSD transport's settings ({@code richmond.ussd.*}, {@code richmond.ssmi.*}; the broker is
 * {@code richmond.amqp.*}); every key is documented with its default in {@code config/ussd-transport.yml}, and an
 * environment variable overrides it ({@code RICHMOND_SSMI_HOST}).
 */
@ConfigurationProperties("richmond")
public record UssdTransportProperties(@DefaultValue Ussd ussd, @DefaultValue Ssmi ssmi) {

    public record Ussd(@DefaultValue("truteq") String transportName,
            @DefaultValue("300s") Duration sessionLifetime,
            @DefaultValue("30s") Duration shutdownGrace) {
    }

    public record Ssmi(@DefaultValue("127.0.0.1") String host,
            @DefaultValue("50008") int port,
            @DefaultValue("username") String username,
            @DefaultValue("password") String password,
            @DefaultValue("ISO-8859-1") Charset charset,
            @DefaultValue("60s") Duration linkCheckPeriod,
            @DefaultValue("1s") Duration reconnectInitialDelay,
            @DefaultValue("60s") Duration reconnectMaxDelay,
            @DefaultValue("8192") int maxLineLength) {
    }
}
