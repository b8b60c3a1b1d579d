package io.richmond.api.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.richmond.api.ApiProperties;
import io.richmond.api.ratelimit.RateLimitFilter;
import io.richmond.api.ratelimit.RateLimits;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP Basic, realm {@code Richmond}, on every {@code /api/v1} path, as the original API; no sessions, so every
 * request carries its credentials, checked by a {@link LoginGuard}. Health, metrics (on the management port) and the
 * API documentation are open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** BCrypt, whose deliberate slowness every request with credentials would otherwise pay. */
    @Bean
    PasswordEncoder passwordEncoder(ApiProperties properties) {
        return new CachingPasswordEncoder(new BCryptPasswordEncoder(), properties.credentialCache().ttl(),
                properties.credentialCache().maximumSize());
    }

    @Bean
    @Profile("!" + AccountsCommand.PROFILE)
    SecurityFilterChain apiSecurity(HttpSecurity http, AccountService accounts, PasswordEncoder passwordEncoder,
            ApiProperties properties, MeterRegistry meters, RateLimits limits, JsonMapper mapper) throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
        passwords.setPasswordEncoder(passwordEncoder);
        LoginThrottle throttle = new LoginThrottle(properties.loginThrottle(), meters, TimeMeter.SYSTEM_NANOTIME);
        return http
                .authenticationManager(new LoginGuard(new ProviderManager(passwords), throttle, meters))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/**").authenticated()
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.realmName("Richmond")
                        .authenticationEntryPoint(new UncheckedCredentialsEntryPoint("Richmond", mapper)))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAfter(new RateLimitFilter(limits, mapper), AuthorizationFilter.class)
                .build();
    }
}
