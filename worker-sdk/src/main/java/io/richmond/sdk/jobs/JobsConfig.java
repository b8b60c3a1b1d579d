package io.richmond.sdk.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.richmond.sdk.topology.AmqpSettings;
import io.richmond.sdk.topology.IniFile;

/**
 * A job runner's ini file (see {@code config/runners.ini}): an {@code [amqp]} section and one
 * {@code [runner:<queue>]} section per job queue, as in rbit.
 */
public record JobsConfig(AmqpSettings amqp, List<JobQueueConfig> queues) {

    static final String RUNNER_PREFIX = "runner:";

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    public JobsConfig {
        Objects.requireNonNull(amqp, "amqp");
        queues = List.copyOf(queues);
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("no [runner:<queue name>] section: there is nothing to run");
        }
    }

    public static JobsConfig from(IniFile ini, Map<String, String> environment) {
        List<JobQueueConfig> queues = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> section : ini.sections().entrySet()) {
            String name = section.getKey();
            if (name.equals(AmqpSettings.SECTION)) {
                continue;
            }
            if (!name.startsWith(RUNNER_PREFIX)) {
                throw new IllegalArgumentException(ini.source() + ": unknown section [" + name + "]: a jobs config has"
                        + " [amqp] and [runner:<queue name>] sections");
            }
            String queue = name.substring(RUNNER_PREFIX.length()).strip();
            if (queue.isEmpty()) {
                throw new IllegalArgumentException(ini.source() + ": section [" + name + "] names no queue: write"
                        + " [runner:<queue name>]");
            }
            try {
                queues.add(queue(queue, section.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ini.source() + ": [" + name + "]: " + e.getMessage(), e);
            }
        }
        return new JobsConfig(AmqpSettings.from(ini, environment), queues);
    }

    /** Richmond's own keys are taken out; the rest are the runner's settings. */
    private static JobQueueConfig queue(String queue, Map<String, String> section) {
        Map<String, String> settings = new LinkedHashMap<>(section);
        String runner = settings.remove("runner");
        if (runner == null || runner.isBlank()) {
            throw new IllegalArgumentException("no runner key: every runner section needs one, e.g."
                    + " runner = java!com.example.MyJob or runner = shell!wc -w");
        }
        if (settings.containsKey("job_id")) {
            throw new IllegalArgumentException("job_id is not a setting: runners are given each job's own id under"
                    + " that name");
        }
        String concurrency = settings.remove("concurrency");
        String timeout = settings.remove("timeout");
        String blockedDelay = settings.remove("blocked_delay");
        String statusKey = settings.remove("status_key");
        return new JobQueueConfig(queue, RunnerSpec.parse(runner), settings,
                concurrency == null ? 1 : wholeNumber("concurrency", concurrency),
                timeout == null ? Duration.ofMinutes(10) : duration("timeout", timeout),
                blockedDelay == null ? Duration.ofMinutes(1) : duration("blocked_delay", blockedDelay),
                statusKey == null ? queue + ".status" : statusKey);
    }

    private static int wholeNumber(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
        }
    }

    /** {@code 200ms}, {@code 30s}, {@code 5m} or {@code 1h}. */
    static Duration duration(String key, String value) {
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(key + " must be a number and a unit (ms, s, m or h), e.g. 30s, got '"
                    + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
