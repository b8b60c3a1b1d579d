package io.richmond.sdk.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.richmond.sdk.topology.IniFile;

class JobsConfigTest {

    private static JobsConfig parse(Map<String, String> environment, String... lines) {
        return JobsConfig.from(IniFile.parse("runners.ini", List.of(lines)), environment);
    }

    private static JobsConfig parse(String... lines) {
        return parse(Map.of(), lines);
    }

    @Test
    void readsRunnersWithTheirSettingsAndDefaults() {
        JobsConfig config = parse(
                "# rbit's format",
                "[amqp]",
                "uri = amqp://jobs:secret@rabbit:5672/%2F",
                "exchange = work",
                "",
                "[runner:pdf]",
                "runner = java!com.example.PdfJob",
                "print-dir = /srv/print",
                "concurrency = 3",
                "timeout = 90s",
                "blocked_delay = 200ms",
                "; a second runner",
                "[runner:words]",
                "runner = shell!wc -w # counts words",
                "status_key = words.watch");

        assertThat(config.amqp().uri()).isEqualTo(URI.create("amqp://jobs:secret@rabbit:5672/%2F"));
        assertThat(config.amqp().exchange()).isEqualTo("work");
        assertThat(config.amqp().prefetch()).isEqualTo(20);
        assertThat(config.queues()).containsExactly(
                new JobQueueConfig("pdf", new RunnerSpec(RunnerSpec.Kind.JAVA, "com.example.PdfJob"),
                        Map.of("print-dir", "/srv/print"), 3, Duration.ofSeconds(90), Duration.ofMillis(200),
                        "pdf.status"),
                new JobQueueConfig("words", new RunnerSpec(RunnerSpec.Kind.SHELL, "wc -w # counts words"), Map.of(),
                        1, Duration.ofMinutes(10), Duration.ofMinutes(1), "words.watch"));
    }

    @Test
    void theEnvironmentOverridesTheAmqpSection() {
        JobsConfig config = parse(Map.of("RICHMOND_AMQP_URI", "amqp://elsewhere/%2F", "RICHMOND_AMQP_EXCHANGE", " "),
                "[amqp]", "uri = amqp://here/%2F", "exchange = work", "[runner:q]", "runner = shell!true");

        assertThat(config.amqp().uri()).isEqualTo(URI.create("amqp://elsewhere/%2F"));
        assertThat(config.amqp().exchange()).isEqualTo("work");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing runner key   | [runner:q]~print-dir = /tmp          | runners.ini: [runner:q]: no runner key: every runner section needs one
            unknown kind         | [runner:q]~runner = python!my.module | unknown runner kind 'python!' in 'python!my.module': use java! or shell!
            no kind              | [runner:q]~runner = wc -w            | runner must be <kind>!<what to run>
            nothing to run       | [runner:q]~runner = shell!           | runner 'shell!' names nothing to run after 'shell!'
            unknown section      | [rbit]~name = bob                    | runners.ini: unknown section [rbit]: a jobs config has [amqp] and [runner:<queue name>] sections
            unnamed runner       | [runner:]~runner = shell!true        | runners.ini: section [runner:] names no queue
            bad section header   | [runner:q~runner = shell!true        | runners.ini:1: a section header is [name], got [runner:q
            key before section   | runner = shell!true                  | runners.ini:1: key = value before any [section]
            line without equals  | [runner:q]~runner shell!true         | runners.ini:2: expected key = value
            repeated key         | [runner:q]~runner = a!b~runner = c!d | runners.ini:3: key runner appears twice in its section
            bad duration         | [runner:q]~runner = shell!true~timeout = soon | timeout must be a number and a unit (ms, s, m or h), e.g. 30s, got 'soon'
            bad concurrency      | [runner:q]~runner = shell!true~concurrency = 0 | [runner:q] concurrency must be at least 1, got 0
            reserved job_id      | [runner:q]~runner = shell!true~job_id = 7 | job_id is not a setting
            unknown amqp key     | [amqp]~host = rabbit~[runner:q]~runner = shell!true | runners.ini: unknown key host in [amqp]; known keys: exchange, prefetch, uri
            no runners           | [amqp]~uri = amqp://rabbit/%2F       | no [runner:<queue name>] section: there is nothing to run
            """)
    void reportsMistakesClearly(String mistake, String lines, String message) {
        assertThatThrownBy(() -> parse(lines.split("~")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
