package io.richmond.sdk.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code [runner:<queue>]} section.
 *
 * @param queue the job queue, bound on the exchange by its own name
 * @param runner what runs each job
 * @param settings the section's other keys, given to the runner
 * @param concurrency jobs of this queue run at once in this process
 * @param timeout how long a shell command may run before it is killed
 * @param blockedDelay how long a {@code Blocked} job waits before it is back on its queue
 * @param statusKey the routing key status events are published on
 */
public record JobQueueConfig(String queue, RunnerSpec runner, Map<String, String> settings, int concurrency,
        Duration timeout, Duration blockedDelay, String statusKey) {

    public JobQueueConfig {
        Objects.requireNonNull(runner, "runner");
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("a job queue must be named");
        }
        settings = Map.copyOf(settings);
        if (concurrency < 1) {
            throw new IllegalArgumentException("[runner:" + queue + "] concurrency must be at least 1, got "
                    + concurrency);
        }
        if (timeout.isNegative() || timeout.isZero() || blockedDelay.isNegative()) {
            throw new IllegalArgumentException("[runner:" + queue + "] timeout must be positive and blocked_delay"
                    + " not negative, got " + timeout + " and " + blockedDelay);
        }
        if (statusKey == null || statusKey.isBlank() || statusKey.equals(queue)) {
            throw new IllegalArgumentException("[runner:" + queue + "] status_key must be a routing key other than"
                    + " the queue's own, got '" + statusKey + "'");
        }
    }

    /** Where {@code Blocked} jobs wait: their message TTL expires them back onto {@link #queue}. */
    public String blockedQueue() {
        return queue + ".blocked";
    }
}
