package io.richmond.sdk.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine;

/**
 * The command line only: every case here stops before the runner connects, so no test starts a worker that would
 * run until killed.
 */
class WorkerRunnerTest {

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        CommandLine commandLine = WorkerRunner.commandLine(new WorkerRunner(environment));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        // Never the current directory's workers/: the tests must not depend on where they run.
        List<String> all = new ArrayList<>(List.of("--workers-dir", directory.resolve("no-workers").toString()));
        all.addAll(List.of(args));
        return commandLine.execute(all.toArray(String[]::new));
    }

    @Test
    void helpDescribesEveryOptionAndSucceeds() {
        int exitCode = run(Map.of(), "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).startsWith("Usage: worker-runner")
                .contains("--worker=CLASS", "--config=FILE", "--concurrency=N", "--transport=NAME",
                        "--workers-dir=DIR", "--shutdown-grace=DURATION", "default: PT30S");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void withoutAWorkerItIsAUsageError() {
        int exitCode = run(Map.of());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("Missing required option: '--worker=CLASS'").contains("Usage:");
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                argumentSet("worker without its class", List.of("--worker"), Map.of(),
                        "Missing required parameter for option '--worker'"),
                argumentSet("an unknown option", List.of("--worker", "x", "--bogus"), Map.of(),
                        "Unknown option: '--bogus'"),
                argumentSet("concurrency not a number", List.of("--worker", "x", "--concurrency", "many"), Map.of(),
                        "Invalid value for option '--concurrency': 'many' is not an int"),
                argumentSet("grace not an ISO duration", List.of("--worker", "x", "--shutdown-grace", "30s"),
                        Map.of(), "Invalid value for option '--shutdown-grace'"),
                argumentSet("grace negative", List.of("--worker", "x", "--shutdown-grace", "PT-1S"), Map.of(),
                        "--shutdown-grace must not be negative, got PT-1S"),
                argumentSet("concurrency zero", List.of("--worker", "x", "--concurrency", "0"), Map.of(),
                        "worker-runner: concurrency must be at least 1, got 0"),
                argumentSet("transport not a transport name", List.of("--worker", "x", "--transport", "TruTeq"),
                        Map.of(), "worker-runner: transport name must be lower-case"),
                argumentSet("a bad value in the environment", List.of("--worker", "x"),
                        Map.of("RICHMOND_AMQP_PREFETCH", "lots"),
                        "worker-runner: amqp.prefetch must be a whole number, got 'lots'"),
                argumentSet("a worker class nobody has", List.of("--worker", "com.example.NoSuchWorker"), Map.of(),
                        "worker-runner: worker class com.example.NoSuchWorker not found"),
                argumentSet("a class that is not a worker", List.of("--worker", "java.lang.String"), Map.of(),
                        "worker-runner: java.lang.String is not a worker"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void badInputIsAUsageErrorSayingWhatIsWrong(List<String> args, Map<String, String> environment,
            String message) {
        int exitCode = run(environment, args.toArray(String[]::new));

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains(message).doesNotContain("\tat ");
    }

    @Test
    void aConfigFileThatIsNotThereIsAUsageError() {
        Path missing = directory.resolve("missing.properties");

        int exitCode = run(Map.of(), "--worker", "x", "--config", missing.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("worker-runner: config file " + missing + " does not exist");
    }
}
