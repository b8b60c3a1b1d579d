package io.richmond.sdk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ShellJobRunnerTest {

    private final List<String> statuses = new ArrayList<>();

    private void run(String command, Duration timeout, String body, Map<String, String> settings) throws Exception {
        new ShellJobRunner(command, timeout).run(body.getBytes(StandardCharsets.UTF_8),
                (status, text) -> statuses.add(status.wireName() + ": " + text), settings);
    }

    @Test
    void givesTheSettingsAsEnvironmentVariables() throws Exception {
        run("echo \"$PRINT_DIR $JOB_ID $(cat)\"", Duration.ofSeconds(10), "body",
                Map.of("print-dir", "/srv/print", "job_id", "j1"));

        assertThat(statuses).containsExactly("Building: running echo \"$PRINT_DIR $JOB_ID $(cat)\"",
                "Done: /srv/print j1 body");
    }

    @Test
    void keepsOnlyTheEndOfLongOutput() throws Exception {
        run("yes error | head -n 1000 >&2; exit 3", Duration.ofSeconds(10), "", Map.of());

        assertThat(statuses.get(1)).startsWith("Failed: exit code 3: ...").endsWith("error").hasSizeLessThan(1_100);
    }

    @Test
    void killsACommandThatOutlivesItsTimeout() throws Exception {
        long started = System.nanoTime();

        run("echo started >&2; sleep 30", Duration.ofMillis(300), "", Map.of());

        assertThat(statuses.get(1)).startsWith("Failed: killed after the timeout of PT0.3S: started");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void doesNotBlockOnACommandThatIgnoresALargeBody() throws Exception {
        run("true", Duration.ofSeconds(10), "x".repeat(1_000_000), Map.of());

        assertThat(statuses.get(1)).isEqualTo("Done: ");
    }
}
