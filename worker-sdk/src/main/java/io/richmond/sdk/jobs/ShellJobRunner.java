package io.richmond.sdk.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code runner = shell!<command>}: runs the command with {@code /bin/sh -c}, the job's body on standard input and
 * the settings as environment variables ({@code print-dir} as {@code PRINT_DIR}). Exit code 0 is {@code Done}, with
 * the end of standard output; any other is {@code Failed}, with the end of standard error; a command still running
 * after the timeout is killed and {@code Failed}.
 */
public final class ShellJobRunner implements JobRunner {

    private static final Logger log = LoggerFactory.getLogger(ShellJobRunner.class);

    /** Enough of the output to say what happened, little enough for a status event. */
    private static final int TAIL_BYTES = 1_000;

    private final String command;
    private final Duration timeout;

    public ShellJobRunner(String command, Duration timeout) {
        this.command = Objects.requireNonNull(command, "command");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void run(byte[] body, StatusCallback setStatus, Map<String, String> settings)
            throws IOException, InterruptedException {
        setStatus.setStatus(JobStatus.BUILDING, "running " + command);
        // Files rather than pipes: the command may ignore its input or write much output, and nothing must block.
        Path directory = Files.createTempDirectory("richmond-job-");
        try {
            Path input = Files.write(directory.resolve("stdin"), body);
            Path output = directory.resolve("stdout");
            Path errors = directory.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectInput(input.toFile())
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile());
            settings.forEach((key, value) -> builder.environment().put(environmentName(key), value));
            Process process = builder.start();
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                // The children are looked up first: once the shell is dead they are no longer its descendants.
                List<ProcessHandle> children = process.descendants().toList();
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                process.waitFor();
                setStatus.setStatus(JobStatus.FAILED, "killed after the timeout of " + timeout + ": " + tail(errors));
                return;
            }
            int exitCode = process.exitValue();
            if (exitCode == 0) {
                setStatus.setStatus(JobStatus.DONE, tail(output));
            } else {
                setStatus.setStatus(JobStatus.FAILED, "exit code " + exitCode + ": " + tail(errors));
            }
        } finally {
            delete(directory);
        }
    }

    /** {@code print-dir} becomes {@code PRINT_DIR}: what a shell can name. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    private static String tail(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(Math.max(0, size - TAIL_BYTES));
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return size > TAIL_BYTES ? "..." + text : text;
        }
    }

    /** Best effort: a temporary file left behind must not turn a finished job into a failed one. */
    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot delete the job's temporary files in {}: {}", directory, e.toString());
        }
    }
}
