package io.richmond.sms.webhook;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The webhooks' settings would leave them unprotected, or cannot be read: sms-transport does not start.
 * {@link WebhookAccessFailureAnalyzer} reports it without a stack trace.
 */
public class WebhookAccessException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * @param what what is wrong, naming the setting
     * @param fix  what to set instead
     */
    public record Problem(String what, String fix) {
    }

    private final transient List<Problem> problems;

    public WebhookAccessException(List<Problem> problems) {
        super("The provider webhooks cannot be protected as configured: " + problems.stream()
                .map(problem -> problem.what() + " (" + problem.fix() + ")").collect(Collectors.joining("; ")) + ".");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
