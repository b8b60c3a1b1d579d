package io.richmond.local.supervisor;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A child that ended while the group was running.
 *
 * @param lastLines the end of its log, for a failure the user has to see at once; empty without a log
 */
public record ChildExit(String name, int exitCode, Optional<Path> log, String lastLines) {

    /** 0: it chose to end; 130 and 143: a JVM stopped by SIGINT or SIGTERM, such as the terminal's Ctrl-C. */
    private static final Set<Integer> STOPPED = Set.of(0, 130, 143);

    /** Whether it ended on its own account (an error) rather than because it was told to. */
    public boolean failed() {
        return !STOPPED.contains(exitCode);
    }

    /** What the user is told, with the end of its log when it failed. */
    public String describe() {
        if (!failed()) {
            return name + " stopped (exit code " + exitCode + ")";
        }
        return name + " died (exit code " + exitCode + ")" + excerpt();
    }

    /** The end of its log, or where its output went. */
    String excerpt() {
        return log.map(path -> "; the end of " + path + ":\n" + lastLines).orElse("; see its output above");
    }
}
