package io.richmond.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a test only when the real services it declares answer. A missing service skips the test with the reason,
 * or fails it when {@link LocalServices#servicesRequired()}, so that CI cannot pass by skipping.
 */
final class RealServicesCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> missing = new ArrayList<>();
        context.getElement().ifPresent(element -> {
            if (AnnotationSupport.isAnnotated(element, RequiresRabbitMq.class) && LocalServices.amqpUri().isEmpty()) {
                missing.add("RabbitMQ (set RICHMOND_AMQP_URI, or run one on 127.0.0.1:5672)");
            }
            if (AnnotationSupport.isAnnotated(element, RequiresPostgres.class) && LocalServices.postgres().isEmpty()) {
                missing.add("PostgreSQL (set RICHMOND_DB_URL, or run one on 127.0.0.1:5432)");
            }
        });
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("the real services answer");
        }
        String reason = "no " + String.join(", no ", missing) + " and no Docker engine for Testcontainers";
        if (LocalServices.servicesRequired()) {
            throw new IllegalStateException("RICHMOND_REQUIRE_SERVICES is set but there is " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
