package io.richmond.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.richmond.simulators.http.WebhookTarget;
import io.richmond.simulators.truteq.TruteqSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SimulatorsCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();
    private final SimulatorsCommand command = new SimulatorsCommand(new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), false);

    @Test
    void theDefaultsMatchRichmondsOwnConfiguration() {
        new CommandLine(command).parseArgs();

        assertThat(command.settings()).isEqualTo(new SimulatorSettings(
                new TruteqSettings(50008, "username", "password"), 8101, 8102,
                new WebhookTarget(URI.create("http://127.0.0.1:8001"), null, null), Duration.ofSeconds(2)));
        assertThat(command.console()).isTrue();
    }

    @Test
    void everyOptionIsTakenInTheLaunchersForm() {
        new CommandLine(command).parseArgs("--truteq-port=0", "--truteq-username=me", "--truteq-password=pw",
                "--clickatell-port=9101", "--opera-port=9102", "--webhooks=http://localhost:9001/",
                "--webhook-username=hook", "--webhook-password=secret", "--receipt-delay=500ms", "--no-console");

        assertThat(command.settings()).isEqualTo(new SimulatorSettings(new TruteqSettings(0, "me", "pw"), 9101, 9102,
                new WebhookTarget(URI.create("http://localhost:9001/"), "hook", "secret"), Duration.ofMillis(500)));
        assertThat(command.console()).isFalse();
    }

    @Test
    void theWebhookPasswordMayComeFromTheEnvironmentInsteadOfTheCommandLine() {
        // Picocli reads ${NAME} from a system property before the environment variable of that name.
        System.setProperty(SimulatorsCommand.WEBHOOK_PASSWORD_VARIABLE, "from-the-environment");
        try {
            new CommandLine(command).parseArgs("--webhook-username=hook");
        } finally {
            System.clearProperty(SimulatorsCommand.WEBHOOK_PASSWORD_VARIABLE);
        }

        assertThat(command.settings().webhooks()).isEqualTo(new WebhookTarget(URI.create("http://127.0.0.1:8001"),
                "hook", "from-the-environment"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "--receipt-delay=soon                    | 'soon' is not a duration",
            "--receipt-delay=-2s                     | '-2s' is not a duration",
            "--truteq-port=seventy                   | Invalid value for option '--truteq-port'",
            "--truteq-port=70000                     | the TruTeq port must be 0 to 65535, not 70000",
            "--clickatell-port=-1                    | the Clickatell port must be 0 to 65535, not -1",
            "--opera-port=65536                      | the Opera port must be 0 to 65535, not 65536",
            "--truteq-username=a,b                   | the TruTeq username must be non-empty and without commas",
            "--webhooks=ftp://127.0.0.1:8001         | the webhook base URL must be http(s)://host[:port][/path]",
            "--webhooks=127.0.0.1:8001               | Invalid value for option '--webhooks'",
            "--webhooks=localhost:8001               | the webhook base URL must be http(s)://host[:port][/path]",
            "--webhooks=http://127.0.0.1:8001/?x=1   | the webhook base URL must have no query or fragment",
            "--webhook-username=hook                 | give both the webhook username and password, or neither",
            "--webhook-password=secret               | give both the webhook username and password, or neither",
            "--nonsense                              | Unknown option: '--nonsense'",
    })
    void aBadOptionIsOneLineAndTheUsageExitCode(String option, String message) {
        int exitCode = run(option, "--no-console");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void aTakenPortIsOneLineAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int exitCode = run("--truteq-port=0", "--clickatell-port=" + taken.getLocalPort(), "--opera-port=0",
                    "--no-console");

            assertThat(exitCode).isEqualTo(1);
            assertThat(err.toString()).contains("simulators: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private int run(String... args) {
        CommandLine commandLine = SimulatorsCommand.commandLine(command);
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
