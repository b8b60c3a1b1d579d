package io.richmond.sms.webhook;

import java.util.List;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The port's security headers on every answer, then the providers' access rules on their webhooks. */
@Configuration(proxyBeanMethods = false)
class WebhookSecurityConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> securityHeaders() {
        return factory -> factory.addEngineValves(new SecurityHeadersValve());
    }

    /** @throws WebhookAccessException when a provider's webhooks would be unprotected or its settings unreadable */
    @Bean
    FilterRegistrationBean<WebhookAccessFilter> webhookAccess(List<ProviderWebhook> webhooks) {
        WebhookAccessFilter filter = WebhookAccessFilter.of(webhooks);
        FilterRegistrationBean<WebhookAccessFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setUrlPatterns(filter.urlPatterns());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
