package io.richmond.ussd.ssmi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.richmond.ussd.ssmi.SsmiCommand.Nack;
import io.richmond.ussd.ssmi.SsmiCommand.RemoteLogout;
import io.richmond.ussd.ssmi.SsmiCommand.SendUssd;
import io.richmond.ussd.ssmi.SsmiCommand.UssdMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SsmiClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final UssdMessage NEW_SESSION = new UssdMessage("27831112222", UssdType.NEW, "0", "*156#");

    private final RecordingSsmiListener listener = new RecordingSsmiListener();
    private FakeTruteqServer truteq;
    private SsmiClient client;

    @BeforeEach
    void startServer() {
        truteq = new FakeTruteqServer().start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        truteq.close();
    }

    private SsmiClientSettings settings() {
        return new SsmiClientSettings("127.0.0.1", truteq.port(), "username", "password")
                .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private SsmiClient start(SsmiClientSettings settings) {
        client = new SsmiClient(settings, listener);
        client.start();
        return client;
    }

    private void awaitLoggedIn(int times) {
        await().atMost(TIMEOUT).until(() -> listener.loggedIn.get() == times);
    }

    @Test
    void logsInWithExactlyTheLoginLine() {
        start(settings());

        awaitLoggedIn(1);

        assertThat(client.isLoggedIn()).isTrue();
        assertThat(new String(truteq.receivedBytes(), ISO_8859_1)).startsWith("SSMI,1,username,password\r");
        assertThat(truteq.receivedLines().get(0)).isEqualTo("SSMI,1,username,password");
    }

    @Test
    void refusedLoginIsLoggedThenRetriedUntilAccepted(CapturedOutput output) {
        truteq.refuseLogins(NackType.INVALID_CREDENTIALS);
        start(settings());

        await().atMost(TIMEOUT).until(() -> truteq.connectionCount() >= 3);
        assertThat(listener.loggedIn).hasValue(0);
        assertThat(listener.disconnected.get()).isGreaterThanOrEqualTo(2);
        assertThat(listener.received).isEmpty();
        assertThat(client.isLoggedIn()).isFalse();
        assertThat(output).contains("refused the login as username: invalid username/password combination "
                + "(NACK 1); closing the connection");

        truteq.acceptLogins();

        awaitLoggedIn(1);
        assertThat(client.isLoggedIn()).isTrue();
    }

    @Test
    void linkChecksAreSentPeriodicallyAndAnswered() {
        start(settings().withLinkCheckPeriod(Duration.ofMillis(100)));

        await().atMost(TIMEOUT).until(() -> count(truteq.receivedLines(), "SSMI,3") >= 5);

        assertThat(truteq.connectionCount()).isEqualTo(1);
        assertThat(listener.disconnected).hasValue(0);
        assertThat(listener.received).as("link check ACKs are the client's business").isEmpty();
    }

    @Test
    void twoUnansweredLinkChecksCloseTheConnectionAndTheClientReconnects(CapturedOutput output) {
        truteq.ignoreLinkChecks(true);
        start(settings().withLinkCheckPeriod(Duration.ofMillis(100)));

        awaitLoggedIn(2);

        List<String> lines = truteq.receivedLines();
        int secondLogin = lines.lastIndexOf("SSMI,1,username,password");
        assertThat(lines.subList(0, secondLogin))
                .containsExactly("SSMI,1,username,password", "SSMI,3", "SSMI,3");
        assertThat(listener.disconnected.get()).isGreaterThanOrEqualTo(1);
        assertThat(output).contains("has not answered the last 2 link checks; closing the connection");
    }

    @Test
    void whenTheServerDropsTheConnectionTheClientReconnectsAndLogsInAgain(CapturedOutput output) {
        start(settings());
        awaitLoggedIn(1);

        truteq.dropConnection();

        awaitLoggedIn(2);
        assertThat(listener.disconnected).hasValue(1);
        assertThat(truteq.connectionCount()).isEqualTo(2);
        assertThat(output).containsPattern("Connection to 127\\.0\\.0\\.1:\\d+ closed; reconnecting in 50 ms");
    }

    @Test
    void anUnansweredLoginClosesTheConnectionAfterOneLinkCheckPeriod(CapturedOutput output) {
        truteq.ignoreLogins(true);
        start(settings().withLinkCheckPeriod(Duration.ofMillis(100)));

        await().atMost(TIMEOUT).until(() -> truteq.connectionCount() >= 2);

        assertThat(listener.loggedIn).hasValue(0);
        assertThat(listener.disconnected).as("never logged in, so never disconnected").hasValue(0);
        assertThat(truteq.receivedLines()).allMatch("SSMI,1,username,password"::equals);
        assertThat(output).contains("has not answered the login within 100 ms; closing the connection");
    }

    @Test
    void keepsTryingToConnectUntilTheServerIsUp() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        start(new SsmiClientSettings("127.0.0.1", port, "username", "password")
                .withReconnectDelays(Duration.ofMillis(20), Duration.ofMillis(100)));

        try (FakeTruteqServer late = new FakeTruteqServer().start(port)) {
            awaitLoggedIn(1);
            assertThat(late.receivedLines()).first().isEqualTo("SSMI,1,username,password");
        }
    }

    @Test
    void sendFailsAtOnceBeforeStart() {
        client = new SsmiClient(settings(), listener);

        assertFailsAtOnceNotLoggedIn(client.send(new SendUssd("27831112222", UssdType.END, "bye")));
    }

    @Test
    void sendFailsAtOnceWhileConnectedButNotLoggedIn() {
        truteq.ignoreLogins(true);
        start(settings());
        truteq.awaitLine("SSMI,1,username,password", TIMEOUT);

        assertFailsAtOnceNotLoggedIn(client.send(new SendUssd("27831112222", UssdType.END, "bye")));
        assertThat(client.isLoggedIn()).isFalse();
    }

    private static void assertFailsAtOnceNotLoggedIn(CompletableFuture<Void> sent) {
        assertThat(sent).isCompletedExceptionally();
        assertThat(sent).failsWithin(Duration.ZERO).withThrowableThat()
                .havingCause().isInstanceOf(IllegalStateException.class).withMessageContaining("not logged in");
    }

    @Test
    void sendWritesTheCommandToTheServer() {
        start(settings());
        awaitLoggedIn(1);

        CompletableFuture<Void> sent =
                client.send(new SendUssd("27831112222", UssdType.EXISTING, "Hello, you. föóbær"));

        assertThat(sent).succeedsWithin(TIMEOUT);
        truteq.awaitLine("SSMI,110,27831112222,2,Hello, you. föóbær", TIMEOUT);
        assertThat(new String(truteq.receivedBytes(), ISO_8859_1))
                .contains("SSMI,110,27831112222,2,Hello, you. föóbær\r");
    }

    @Test
    void sendRefusesServerCommandsAndUnformattableOnes() {
        start(settings());
        awaitLoggedIn(1);

        assertThat(client.send(NEW_SESSION)).failsWithin(TIMEOUT).withThrowableThat()
                .havingCause().isInstanceOf(IllegalArgumentException.class);
        assertThat(client.send(new SendUssd("27831112222", UssdType.END, "a\rb"))).failsWithin(TIMEOUT)
                .withThrowableThat().havingCause().isInstanceOf(IllegalArgumentException.class)
                .withMessageContaining("CR");
        assertThat(client.isLoggedIn()).as("a bad command does not cost the connection").isTrue();
    }

    @Test
    void serverCommandsReachTheListenerAndBadLinesAreSkipped() {
        start(settings());
        awaitLoggedIn(1);

        truteq.sendRaw("Garbage\rSSMI,110,27831112222,1,0,*1".getBytes(ISO_8859_1));
        truteq.sendRaw("56#\rSSMI,102,3\r".getBytes(ISO_8859_1));

        await().atMost(TIMEOUT).until(() -> listener.received.size() == 2);
        assertThat(listener.received).containsExactly(NEW_SESSION, new Nack(NackType.UNPARSEABLE_MESSAGE));
        assertThat(client.isLoggedIn()).isTrue();
    }

    @Test
    void remoteLogoutIsReportedAndTheConnectionKept(CapturedOutput output) {
        start(settings());
        awaitLoggedIn(1);

        truteq.send("SSMI,199,127.0.0.1");
        truteq.send(NEW_SESSION);

        await().atMost(TIMEOUT).until(() -> listener.received.size() == 2);
        assertThat(listener.received).containsExactly(new RemoteLogout("127.0.0.1"), NEW_SESSION);
        assertThat(client.isLoggedIn()).isTrue();
        assertThat(truteq.connectionCount()).isEqualTo(1);
        assertThat(output).contains("sent a remote logout: this account logged in from 127.0.0.1");
    }

    @Test
    void aFailingListenerDoesNotCostTheConnection() {
        listener.failOnReceive = true;
        start(settings());
        awaitLoggedIn(1);

        truteq.send(NEW_SESSION);
        truteq.send(NEW_SESSION);

        await().atMost(TIMEOUT).until(() -> listener.received.size() == 2);
        assertThat(truteq.connectionCount()).isEqualTo(1);
    }

    @Test
    void closeLogsOutAndStopsReconnecting() {
        start(settings());
        awaitLoggedIn(1);

        client.close();

        truteq.awaitLine("SSMI,99", TIMEOUT);
        assertThat(truteq.receivedLines()).last().isEqualTo("SSMI,99");
        assertThat(client.isLoggedIn()).isFalse();
        assertThat(listener.disconnected).hasValue(1);
        await().atMost(TIMEOUT).until(() -> !truteq.isConnected());
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> truteq.connectionCount() == 1);
    }

    @Test
    void closeBeforeStartIsFine() {
        client = new SsmiClient(settings(), listener);

        client.close();
        client.close();

        assertThat(truteq.connectionCount()).isZero();
    }

    private static long count(List<String> lines, String line) {
        return lines.stream().filter(line::equals).count();
    }
}
