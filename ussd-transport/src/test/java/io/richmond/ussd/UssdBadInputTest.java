package io.richmond.ussd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import io.richmond.sdk.message.FailureMessage;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.worker.Worker;
import io.richmond.testsupport.RequiresRabbitMq;
import io.richmond.ussd.ssmi.NackType;
import io.richmond.workers.EchoWorker;

/** What TruTeq, the network or a worker can get wrong, and how the USSD path carries on. */
@RequiresRabbitMq
class UssdBadInputTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String LOGIN = "SSMI,1,username,password";

    private final UssdPath path = new UssdPath();

    @AfterEach
    void tearDown() {
        path.close();
    }

    @Test
    void badLinesAreSkippedAndTheConnectionIsKept() throws Exception {
        startEchoPath();

        path.truteq.sendRaw(("Garbage\r"
                + "SSMI,110,2783\r"
                + "SSMI,999,1,2\r"
                + "SSMI,110,27831112222,9,0,*120#\r"
                + "SSMI,abc\r"
                + "\r"
                + "SSMI,110,27831112222,1,0,*120#\r").getBytes(StandardCharsets.ISO_8859_1));

        path.truteq.awaitLine(line -> line.startsWith("SSMI,110,27831112222,2,Hello"), DEADLINE);
        assertThat(path.truteq.connectionCount()).isEqualTo(1);
        assertThat(path.truteq.isConnected()).isTrue();
    }

    @Test
    void aLineSplitAcrossReadsIsReassembled() throws Exception {
        startEchoPath();

        path.truteq.sendRaw("SSMI,110,27831".getBytes(StandardCharsets.ISO_8859_1));
        path.truteq.sendRaw("112222,1,0,*12".getBytes(StandardCharsets.ISO_8859_1));
        path.truteq.sendRaw("0#\r".getBytes(StandardCharsets.ISO_8859_1));

        path.truteq.awaitLine(line -> line.startsWith("SSMI,110,27831112222,2,Hello"), DEADLINE);
    }

    @Test
    void severalLinesInOneReadAreEachHandled() throws Exception {
        startEchoPath();

        path.truteq.sendRaw(("SSMI,110,27831110001,1,0,*120#\r"
                + "SSMI,110,27831110002,1,0,*120#\r"
                + "SSMI,111,27831110003,1,0,655011234567890:1::,*120#\r").getBytes(StandardCharsets.ISO_8859_1));

        for (String msisdn : new String[] {"27831110001", "27831110002", "27831110003"}) {
            path.truteq.awaitLine(line -> line.startsWith("SSMI,110," + msisdn + ",2,Hello"), DEADLINE);
        }
    }

    @Test
    void aRefusedLoginIsRetriedUntilTruteqAcceptsIt() throws Exception {
        path.truteq.refuseLogins(NackType.INVALID_CREDENTIALS);
        path.startWorker(new EchoWorker(), "runner");
        path.startTransport();

        await().atMost(DEADLINE).until(() -> loginAttempts() >= 2);
        path.truteq.acceptLogins();
        long attempts = loginAttempts();
        await().atMost(DEADLINE).until(() -> loginAttempts() > attempts && path.truteq.isConnected());

        answersADialledCode("27831112222");
    }

    @Test
    void truteqClosingTheConnectionMidSessionIsFollowedByAReconnectAndTheNextSessionWorks() throws Exception {
        startEchoPath();
        path.truteq.send("SSMI,110,27831112222,1,0,*120#");
        path.truteq.awaitLine(line -> line.startsWith("SSMI,110,27831112222,2,Hello"), DEADLINE);

        path.truteq.dropConnection();

        await().atMost(DEADLINE).until(() -> path.truteq.connectionCount() == 2 && loginAttempts() == 2);
        answersADialledCode("27831113333");
    }

    @Test
    void aReplyWhileTheLinkIsDownIsSentOnceTruteqIsBack() throws Exception {
        startEchoPath();
        path.truteq.refuseLogins(NackType.ACCOUNT_SUSPENDED);
        path.truteq.dropConnection();
        await().atMost(DEADLINE).until(() -> loginAttempts() >= 2);

        path.publishOutbound(UserMessage.builder()
                .toAddr("+27831112222")
                .fromAddr("*120#")
                .transportName(path.queues.transportName())
                .transportType("ussd")
                .content("still there?")
                .build());
        await().atMost(DEADLINE).until(() -> loginAttempts() >= 4);
        assertThat(path.truteq.receivedLines()).noneMatch(line -> line.contains("still there?"));

        path.truteq.acceptLogins();

        path.truteq.awaitLine("SSMI,110,27831112222,2,still there?", DEADLINE);
    }

    @Test
    void aWorkerThatThrowsSendsTheMessageToFailuresAndTheNextOneIsServed() throws Exception {
        EchoWorker echo = new EchoWorker();
        Worker failingOnBoom = (message, outbox) -> {
            if ("boom".equals(message.content())) {
                throw new IllegalStateException("the worker cannot handle boom");
            }
            echo.handle(message, outbox);
        };
        path.startWorker(failingOnBoom, "runner");
        path.startTransport();
        path.truteq.awaitLine(LOGIN, DEADLINE);
        path.truteq.send("SSMI,110,27831112222,1,0,*120#");
        path.truteq.awaitLine(line -> line.startsWith("SSMI,110,27831112222,2,Hello"), DEADLINE);

        path.truteq.send("SSMI,110,27831112222,2,0,boom");
        path.truteq.send("SSMI,110,27831112222,2,0,after boom");

        path.truteq.awaitLine("SSMI,110,27831112222,2,after boom", DEADLINE);
        FailureMessage failure = (FailureMessage) new MessageCodec().decode(awaitFailure().getBody());
        assertThat(failure.reason()).contains("IllegalStateException: the worker cannot handle boom");
        assertThat(failure.message().get("content").asString()).isEqualTo("boom");
        assertThat(failure.message().get("from_addr").asString()).isEqualTo("+27831112222");
    }

    private void startEchoPath() throws Exception {
        path.startWorker(new EchoWorker(), "runner");
        path.startTransport(Map.of());
        path.truteq.awaitLine(LOGIN, DEADLINE);
    }

    private void answersADialledCode(String msisdn) {
        path.truteq.send("SSMI,110," + msisdn + ",1,0,*120#");
        path.truteq.awaitLine(line -> line.startsWith("SSMI,110," + msisdn + ",2,Hello"), DEADLINE);
        path.truteq.send("SSMI,110," + msisdn + ",2,0,0");
        path.truteq.awaitLine("SSMI,110," + msisdn + ",3,quitting, goodbye!", DEADLINE);
    }

    private long loginAttempts() {
        return path.truteq.receivedLines().stream().filter(LOGIN::equals).count();
    }

    private Message awaitFailure() {
        CachingConnectionFactory connections = new CachingConnectionFactory(path.amqpUri);
        try {
            RabbitTemplate template = new RabbitTemplate(connections);
            return await().atMost(DEADLINE).until(() -> template.receive(path.queues.failures()), m -> m != null);
        } finally {
            connections.destroy();
        }
    }
}
