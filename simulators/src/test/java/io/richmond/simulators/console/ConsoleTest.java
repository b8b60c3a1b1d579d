package io.richmond.simulators.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.richmond.simulators.SimulatorSettings;
import io.richmond.simulators.Simulators;
import io.richmond.simulators.TerminalOutput;
import io.richmond.simulators.http.RecordingReceiver;
import io.richmond.simulators.http.WebhookTarget;
import io.richmond.simulators.truteq.TruteqSettings;
import java.io.BufferedReader;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The console driven by piped input, as a launcher or a script drives it, against all three simulators. */
class ConsoleTest {

    private final TerminalOutput output = new TerminalOutput();
    private RecordingReceiver smsTransport;
    private Simulators simulators;

    @BeforeEach
    void start() throws Exception {
        smsTransport = new RecordingReceiver();
        simulators = Simulators.start(new SimulatorSettings(new TruteqSettings(0, "username", "password"), 0, 0,
                new WebhookTarget(smsTransport.baseUrl(), null, null), Duration.ofSeconds(2)), output.terminal());
    }

    @AfterEach
    void stop() {
        simulators.close();
        smsTransport.close();
    }

    @Test
    void startingPrintsALinePerPort() {
        assertThat(output.text())
                .contains("Fake TruTeq SSMI listening on 127.0.0.1:" + simulators.truteqPort() + " ")
                .contains("Fake Clickatell HTTP API listening on 127.0.0.1:" + simulators.clickatellPort() + " ")
                .contains("Fake Opera XML-RPC listening on 127.0.0.1:" + simulators.operaPort() + " ");
    }

    @Test
    void pipedCommandsPlayAUssdSessionAndStopAtQuit() throws Exception {
        try (Socket gateway = new Socket("127.0.0.1", simulators.truteqPort())) {
            gateway.getOutputStream().write("SSMI,1,username,password\r".getBytes(StandardCharsets.ISO_8859_1));
            await().atMost(5, TimeUnit.SECONDS).until(() -> output.text().contains("logged in as username"));

            run("help\ndial *120#\n  \nhello there\nsessions\nhangup\nquit\ndial *130#\n");

            String transcript = output.text();
            assertThat(transcript).contains("> help\nCommands:")
                    .contains("[session 1, 27820000001 on *120#] dialled")
                    .contains("* session 1, 27820000001 on *120#")
                    .contains("[session 1, 27820000001 on *120#] hung up")
                    .contains("console closed; the simulators keep running")
                    .doesNotContain("> dial *130#");
            byte[] expected = ("SSMI,101,1\rSSMI,111,27820000001,1,0,:::1:,*120#\r"
                    + "SSMI,111,27820000001,2,0,:::1:,hello there\rSSMI,111,27820000001,3,0,:::1:,\r")
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertThat(gateway.getInputStream().readNBytes(expected.length)).isEqualTo(expected);
        }
    }

    @Test
    void theEndOfTheInputClosesOnlyTheConsole() throws Exception {
        run("sessions\n");

        assertThat(output.text()).contains("no open sessions").contains("console: end of input");
        try (Socket stillServing = new Socket("127.0.0.1", simulators.truteqPort())) {
            assertThat(stillServing.isConnected()).isTrue();
        }
    }

    @Test
    void smsPostsAnInboundSmsThroughTheFakeClickatell() throws Exception {
        run("sms 27820000001 27123456789 hello from the phone\n");

        await().atMost(5, TimeUnit.SECONDS).until(() -> smsTransport.requests().size() == 1);
        assertThat(smsTransport.requests().get(0).path()).isEqualTo("/api/v1/sms/clickatell/receive.json");
        assertThat(smsTransport.requests().get(0).form()).containsEntry("from", "27820000001")
                .containsEntry("to", "27123456789").containsEntry("text", "hello from the phone");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "dial                      | usage: dial <code> [msisdn]",
            "dial *120# 2782 more      | usage: dial <code> [msisdn]",
            "dial 120abc               | '120abc' is not a USSD code",
            "switch one                | usage: switch <n>",
            "switch 4                  | there is no open session 4",
            "sms 27820000001 hello     | usage: sms <from> <to> <text>",
            "sms +2782000000 321 hi    | the sender '+2782000000' must be an international number",
            "hangup now                | hangup takes no arguments; to answer with this text, type: answer hangup now",
            "timeout                   | no open session: dial <code> [msisdn] first",
            "just some words           | no open session: dial <code> [msisdn] first",
            "dial *120#                | no gateway is logged in to the fake TruTeq",
    })
    void aBadCommandSaysWhatToDoAndTheConsoleCarriesOn(String command, String message) throws Exception {
        run(command + "\nhelp\n");

        assertThat(output.text()).contains(message).contains("Commands:");
        assertThat(smsTransport.requests()).isEmpty();
    }

    private void run(String input) throws Exception {
        simulators.console().run(new BufferedReader(new StringReader(input)));
    }
}
