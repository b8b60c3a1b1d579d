package io.richmond.local.supervisor;

import java.util.List;
import java.util.Map;

/**
 * One process of the group.
 *
 * @param name what output calls it; also its log file's name, {@code <name>.log}
 * @param command the program and its arguments
 * @param environment set on top of the launcher's own environment
 * @param readiness what tells that it is up
 * @param ownsTerminal reads and writes the launcher's terminal instead of a log file; it stays in the terminal's
 *     process group so that it can read it, and therefore also gets the terminal's Ctrl-C
 */
public record ChildSpec(String name, List<String> command, Map<String, String> environment, Readiness readiness,
        boolean ownsTerminal) {

    public ChildSpec {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a child's name must be lower-case letters, digits and dashes (it"
                    + " names its log file), got '" + name + "'");
        }
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException(name + " needs a command");
        }
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        if (readiness == null) {
            throw new IllegalArgumentException(name + " needs a readiness check");
        }
    }

    /** A child that writes to its log file and is stopped only by the supervisor. */
    public static ChildSpec background(String name, List<String> command, Map<String, String> environment,
            Readiness readiness) {
        return new ChildSpec(name, command, environment, readiness, false);
    }

    /** The child that has the terminal: the one the user types to. */
    public static ChildSpec interactive(String name, List<String> command, Map<String, String> environment,
            Readiness readiness) {
        return new ChildSpec(name, command, environment, readiness, true);
    }
}
