package io.richmond.api.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The account created on the first start, when there is none ({@code RICHMOND_BOOTSTRAP_USERNAME},
 * {@code RICHMOND_BOOTSTRAP_PASSWORD}).
 *
 * @param username its name; empty creates no account
 * @param password its password; empty generates one and logs it once
 */
@ConfigurationProperties("richmond.bootstrap")
public record BootstrapProperties(@DefaultValue("admin") String username, @DefaultValue("") String password) {
}
