package io.richmond.sdk.jobs;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.richmond.sdk.rpc.Instances;

/** A runner section's {@code runner = <kind>!<target>}: {@code java!<class>} or {@code shell!<command>}. */
public record RunnerSpec(Kind kind, String target) {

    public enum Kind {
        JAVA, SHELL;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RunnerSpec {
        if (kind == null || target == null || target.isBlank()) {
            throw new IllegalArgumentException("a runner needs a kind and a target, got " + kind + "!" + target);
        }
    }

    public static RunnerSpec parse(String value) {
        int bang = value.indexOf('!');
        if (bang < 0) {
            throw new IllegalArgumentException("runner must be <kind>!<what to run>, e.g. java!com.example.MyJob or"
                    + " shell!wc -w, got '" + value + "'");
        }
        String kind = value.substring(0, bang).strip();
        String target = value.substring(bang + 1).strip();
        Kind known = Arrays.stream(Kind.values()).filter(k -> k.wireName().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown runner kind '" + kind + "!' in '" + value
                        + "': use " + Arrays.stream(Kind.values()).map(k -> k.wireName() + "!")
                                .collect(Collectors.joining(" or "))
                        + " (rbit's python! runners are java! here)"));
        if (target.isEmpty()) {
            throw new IllegalArgumentException("runner '" + value + "' names nothing to run after '" + kind + "!'");
        }
        return new RunnerSpec(known, target);
    }

    /**
     * The runner: a shell runner with {@code timeout}, or an instance of the Java class, loaded from the class path
     * (the runner jar's, and the jars of {@code -Dloader.path}).
     */
    public JobRunner create(Duration timeout) {
        if (kind == Kind.SHELL) {
            return new ShellJobRunner(target, timeout);
        }
        return Instances.create(target, JobRunner.class);
    }
}
