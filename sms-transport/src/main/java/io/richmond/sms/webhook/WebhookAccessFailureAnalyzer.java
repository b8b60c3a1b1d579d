package io.richmond.sms.webhook;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns a {@link WebhookAccessException}, wherever it sits among the causes of a failed start, into Spring Boot's
 * "APPLICATION FAILED TO START" report: what is wrong and what to set, and no stack trace. First among the
 * analyzers, so that a generic one does not describe the bean that failed instead.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookAccessFailureAnalyzer extends AbstractFailureAnalyzer<WebhookAccessException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WebhookAccessException cause) {
        String description = "sms-transport will not serve the provider webhooks as configured: " + cause.problems()
                .stream().map(WebhookAccessException.Problem::what).collect(Collectors.joining("; ")) + ".";
        String action = cause.problems().stream().map(problem -> capitalized(problem.fix()) + ".").distinct()
                .collect(Collectors.joining(" "))
                + " docs/providers.md says how each provider sends its credentials.";
        return new FailureAnalysis(description, action, cause);
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
