package io.richmond.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import io.richmond.testsupport.LocalServices;

/**
 * An administration command on the machine that runs the broker or the database ({@code rabbitmqctl},
 * {@code pg_ctlcluster}). Scenarios that need one are skipped where it is missing or the tests do not run as root,
 * unless {@code RICHMOND_REQUIRE_SERVICES=true}, where they fail instead: CI must not pass by skipping.
 */
final class SystemCommand {

    private static final long TIMEOUT_SECONDS = 120;

    private SystemCommand() {
    }

    /** Skips (or fails) the calling test unless {@code program} is on the PATH and the tests run as root. */
    static void assumeAvailable(String program) {
        String missing = null;
        if (!onPath(program)) {
            missing = program + " is not on the PATH";
        } else if (!"root".equals(System.getProperty("user.name"))) {
            missing = program + " needs root and the tests run as " + System.getProperty("user.name");
        }
        if (missing == null) {
            return;
        }
        if (LocalServices.servicesRequired()) {
            throw new IllegalStateException("RICHMOND_REQUIRE_SERVICES is set but " + missing);
        }
        Assumptions.abort(missing + ": this scenario restarts a local service with it");
    }

    /** Runs the command to its end; its output is in the exception when it fails. */
    static String run(String... command) throws IOException, InterruptedException {
        Result result = attempt(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + result.exitCode() + ": "
                    + result.output());
        }
        return result.output();
    }

    record Result(int exitCode, String output) {
    }

    /** Runs the command to its end, whatever its exit code. */
    static Result attempt(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS
                    + " s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).strip());
    }

    private static boolean onPath(String program) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
