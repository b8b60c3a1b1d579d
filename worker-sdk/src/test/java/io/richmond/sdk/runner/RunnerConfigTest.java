package io.richmond.sdk.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.richmond.sdk.worker.WorkerSettings;

class RunnerConfigTest {

    @TempDir
    Path directory;

    private Path file(String... lines) throws IOException {
        return Files.writeString(directory.resolve("worker-runner.properties"), String.join("\n", lines),
                StandardCharsets.UTF_8);
    }

    @Test
    void withoutAFileOrEnvironmentEverythingIsTheDocumentedDefault() throws IOException {
        RunnerConfig config = RunnerConfig.load(null, Map.of());

        assertThat(config).isEqualTo(new RunnerConfig(URI.create("amqp://guest:guest@127.0.0.1:5672/%2F"),
                "richmond", 20, "truteq", 4, Path.of("workers"), WorkerSettings.empty()));
    }

    @Test
    void theShippedConfigFileSaysTheDefaults() throws IOException {
        // config/worker-runner.properties documents every key with its default: the two must not drift apart.
        Path shipped = Path.of(System.getProperty("user.dir")).resolveSibling("config")
                .resolve("worker-runner.properties");

        assertThat(RunnerConfig.load(shipped, Map.of())).isEqualTo(RunnerConfig.load(null, Map.of()));
    }

    @Test
    void readsEveryKeyFromTheFile() throws IOException {
        Path file = file(
                "amqp.uri=amqps://richmond:s3cret@rabbit.example:5671/prod",
                "amqp.exchange=gateway",
                "amqp.prefetch=50",
                "transport=opera",
                "concurrency=16",
                "workers.dir=/opt/richmond/workers",
                "# a comment",
                "worker.greeting=Molo, wamkelekile ✓",
                "worker.menu.size = 5");

        RunnerConfig config = RunnerConfig.load(file, Map.of());

        assertThat(config).isEqualTo(new RunnerConfig(URI.create("amqps://richmond:s3cret@rabbit.example:5671/prod"),
                "gateway", 50, "opera", 16, Path.of("/opt/richmond/workers"),
                new WorkerSettings(Map.of("greeting", "Molo, wamkelekile ✓", "menu.size", "5"))));
    }

    @Test
    void theEnvironmentOverridesTheFile() throws IOException {
        Path file = file("amqp.uri=amqp://file/", "amqp.exchange=file", "amqp.prefetch=1", "transport=file",
                "concurrency=1", "workers.dir=file", "worker.greeting=from the file", "worker.farewell=Bye");
        Map<String, String> environment = Map.of(
                "RICHMOND_AMQP_URI", "amqp://env/",
                "RICHMOND_AMQP_EXCHANGE", "env",
                "RICHMOND_AMQP_PREFETCH", "30",
                "RICHMOND_TRANSPORT", "clickatell",
                "RICHMOND_CONCURRENCY", "8",
                "RICHMOND_WORKERS_DIR", "env-workers",
                "RICHMOND_WORKER_GREETING", "from the environment",
                "PATH", "/usr/bin");

        RunnerConfig config = RunnerConfig.load(file, environment);

        assertThat(config).isEqualTo(new RunnerConfig(URI.create("amqp://env/"), "env", 30, "clickatell", 8,
                Path.of("env-workers"),
                new WorkerSettings(Map.of("greeting", "from the environment", "farewell", "Bye"))));
    }

    @Test
    void theEnvironmentWorksWithoutAFile() throws IOException {
        RunnerConfig config = RunnerConfig.load(null, Map.of("RICHMOND_CONCURRENCY", "2", "RICHMOND_TRANSPORT",
                "opera"));

        assertThat(config.concurrency()).isEqualTo(2);
        assertThat(config.transport()).isEqualTo("opera");
        assertThat(config.prefetch()).isEqualTo(20);
    }

    @Test
    void aBlankEnvironmentVariableIsUnsetNotAnOverride() throws IOException {
        // Compose files often say RICHMOND_TRANSPORT= when nothing is meant: the file's value must stand.
        Path file = file("transport=opera", "concurrency=3", "worker.greeting=Hello");

        RunnerConfig config = RunnerConfig.load(file, Map.of("RICHMOND_TRANSPORT", "", "RICHMOND_CONCURRENCY", "  ",
                "RICHMOND_WORKER_GREETING", ""));

        assertThat(config.transport()).isEqualTo("opera");
        assertThat(config.concurrency()).isEqualTo(3);
        assertThat(config.workerSettings().get("greeting")).contains("Hello");
    }

    @Test
    void valuesAreTrimmed() throws IOException {
        RunnerConfig config = RunnerConfig.load(file("concurrency= 3 ", "transport=opera  "), Map.of());

        assertThat(config.concurrency()).isEqualTo(3);
        assertThat(config.transport()).isEqualTo("opera");
    }

    @ParameterizedTest
    @CsvSource({
            "amqp.uri,           RICHMOND_AMQP_URI",
            "amqp.prefetch,      RICHMOND_AMQP_PREFETCH",
            "workers.dir,        RICHMOND_WORKERS_DIR",
            "worker.greeting,    RICHMOND_WORKER_GREETING",
            "worker.reply-delay, RICHMOND_WORKER_REPLY_DELAY",
    })
    void namesEachEnvironmentVariableAfterItsKey(String key, String variable) {
        assertThat(RunnerConfig.environmentName(key)).isEqualTo(variable);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                argumentSet("prefetch not a number", "amqp.prefetch", "twenty",
                        "amqp.prefetch must be a whole number, got 'twenty'"),
                argumentSet("prefetch a fraction", "amqp.prefetch", "1.5",
                        "amqp.prefetch must be a whole number, got '1.5'"),
                argumentSet("prefetch too big for an int", "amqp.prefetch", "99999999999",
                        "amqp.prefetch must be a whole number"),
                argumentSet("prefetch zero", "amqp.prefetch", "0", "amqp.prefetch must be 1 to 65535, got 0"),
                argumentSet("prefetch negative", "amqp.prefetch", "-5", "amqp.prefetch must be 1 to 65535, got -5"),
                argumentSet("prefetch beyond AMQP's limit", "amqp.prefetch", "65536",
                        "amqp.prefetch must be 1 to 65535, got 65536"),
                argumentSet("concurrency not a number", "concurrency", "many",
                        "concurrency must be a whole number, got 'many'"),
                argumentSet("concurrency zero", "concurrency", "0", "concurrency must be at least 1, got 0"),
                argumentSet("uri not a URI", "amqp.uri", "amqp://guest:guest@rabbit host/", "amqp.uri is not a URI"),
                argumentSet("uri not AMQP", "amqp.uri", "http://rabbit:15672/",
                        "amqp.uri must be an amqp:// or amqps:// URI, got http://rabbit:15672/"),
                argumentSet("uri without a scheme", "amqp.uri", "rabbit:5672",
                        "amqp.uri must be an amqp:// or amqps:// URI"),
                argumentSet("transport upper case", "transport", "TruTeq", "transport name must be lower-case"),
                argumentSet("exchange reserved", "amqp.exchange", "amq.direct", "exchange name"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void rejectsABadValueInTheFileNamingTheKey(String key, String value, String message) throws IOException {
        Path file = file(key + "=" + value);

        assertThatThrownBy(() -> RunnerConfig.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void rejectsABadValueInTheEnvironmentToo(String key, String value, String message) {
        assertThatThrownBy(() -> RunnerConfig.load(null, Map.of(RunnerConfig.environmentName(key), value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            amqp://me:s3cret@rabbit host/ | amqp.uri is not a URI: Illegal character in authority at index 7
            http://me:s3cret@rabbit/      | amqp.uri must be an amqp:// or amqps:// URI, got http://me:****@rabbit/
            """)
    void aBadUriIsReportedWithoutItsPassword(String uri, String message) {
        // The message ends up in logs and terminals.
        assertThatThrownBy(() -> RunnerConfig.load(null, Map.of("RICHMOND_AMQP_URI", uri)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsAWorkerSettingWithoutAName() throws IOException {
        Path file = file("worker.=x");

        assertThatThrownBy(() -> RunnerConfig.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'worker.' has no setting name");
    }

    @Test
    void aMissingFileIsAClearError() {
        Path missing = directory.resolve("nope.properties");

        assertThatThrownBy(() -> RunnerConfig.load(missing, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("config file " + missing + " does not exist");
    }

    @Test
    void aDirectoryIsNotAConfigFile() {
        assertThatThrownBy(() -> RunnerConfig.load(directory, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("config file " + directory + " is not a file");
    }

    @Test
    void theWithersCheckTheirValueToo() throws IOException {
        RunnerConfig config = RunnerConfig.load(null, Map.of());

        assertThat(config.withConcurrency(9).concurrency()).isEqualTo(9);
        assertThat(config.withTransport("opera").transport()).isEqualTo("opera");
        assertThat(config.withWorkersDir(Path.of("elsewhere")).workersDir()).isEqualTo(Path.of("elsewhere"));
        assertThatThrownBy(() -> config.withConcurrency(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withTransport("Bad Name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMissingValuesInCode() {
        URI uri = RunnerConfig.DEFAULT_AMQP_URI;
        Path dir = Path.of("workers");
        WorkerSettings none = WorkerSettings.empty();

        assertThatThrownBy(() -> new RunnerConfig(null, "richmond", 1, "truteq", 1, dir, none))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("amqpUri");
        assertThatThrownBy(() -> new RunnerConfig(uri, null, 1, "truteq", 1, dir, none))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("exchange");
        assertThatThrownBy(() -> new RunnerConfig(uri, "richmond", 1, null, 1, dir, none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transport name");
        assertThatThrownBy(() -> new RunnerConfig(uri, "richmond", 1, "truteq", 1, null, none))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("workersDir");
        assertThatThrownBy(() -> new RunnerConfig(uri, "richmond", 1, "truteq", 1, dir, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("workerSettings");
    }
}
