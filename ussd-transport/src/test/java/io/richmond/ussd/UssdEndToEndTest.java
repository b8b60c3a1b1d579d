package io.richmond.ussd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.richmond.testsupport.Fixtures;
import io.richmond.testsupport.RequiresRabbitMq;
import io.richmond.workers.EchoWorker;

/** A dialled USSD code from TruTeq, through ussd-transport and RabbitMQ, to competing EchoWorker runners and back. */
@RequiresRabbitMq
class UssdEndToEndTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String GREETING =
            "Hello, this is an echo service for testing. Reply with whatever. Reply '0' to end session.";

    private final UssdPath path = new UssdPath();

    @AfterEach
    void tearDown() {
        path.close();
    }

    @Test
    void theTranscriptPlaysThroughTwoEchoRunnersAndTruteqReceivesTheExactBytes() throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        path.startWorker(UssdPath.counting(new EchoWorker(), first), "runner-1");
        path.startWorker(UssdPath.counting(new EchoWorker(), second), "runner-2");
        path.startTransport();

        List<String> expectedToTruteq = new ArrayList<>();
        int inboundUssd = 0;
        for (String entry : transcript()) {
            String line = entry.substring(3);
            if (entry.startsWith(">> ")) {
                expectedToTruteq.add(line);
                if (!line.equals("SSMI,99")) {
                    await().atMost(DEADLINE).until(() -> sessionLines().size() >= expectedToTruteq.size());
                }
            } else if (line.startsWith("SSMI,11")) {
                path.truteq.send(line);
                inboundUssd++;
            }
        }
        int handledByWorkers = inboundUssd;
        await().atMost(DEADLINE).until(() -> first.get() + second.get() == handledByWorkers);
        path.stopTransport();
        await().atMost(DEADLINE).until(() -> sessionLines().contains("SSMI,99"));

        assertThat(sessionLines()).containsExactlyElementsOf(expectedToTruteq);
        assertThat(withoutLinkChecks(path.truteq.receivedBytes())).isEqualTo(crTerminated(expectedToTruteq));
    }

    @Test
    void twoHundredConcurrentSessionsEachGetTheirOwnAnswersAndBothRunnersWork() throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        path.startWorker(UssdPath.counting(new EchoWorker(), first), "runner-1");
        path.startWorker(UssdPath.counting(new EchoWorker(), second), "runner-2");
        path.startTransport();
        path.truteq.awaitLine("SSMI,1,username,password", DEADLINE);
        List<String> msisdns = IntStream.range(0, 200).mapToObj(i -> String.valueOf(27_830_000_000L + i)).toList();

        msisdns.forEach(msisdn -> path.truteq.send("SSMI,110," + msisdn + ",1,0,*120#"));
        awaitRepliesPerSession(msisdns, 1);
        msisdns.forEach(msisdn -> path.truteq.send("SSMI,110," + msisdn + ",2,0,hello " + msisdn));
        awaitRepliesPerSession(msisdns, 2);
        msisdns.forEach(msisdn -> path.truteq.send("SSMI,110," + msisdn + ",2,0,0"));
        awaitRepliesPerSession(msisdns, 3);

        for (String msisdn : msisdns) {
            assertThat(repliesTo(msisdn)).containsExactly(
                    "SSMI,110," + msisdn + ",2," + GREETING,
                    "SSMI,110," + msisdn + ",2,hello " + msisdn,
                    "SSMI,110," + msisdn + ",3,quitting, goodbye!");
        }
        assertThat(first.get() + second.get()).isEqualTo(600);
        assertThat(first.get()).as("messages handled by runner-1").isPositive();
        assertThat(second.get()).as("messages handled by runner-2").isPositive();
    }

    private void awaitRepliesPerSession(List<String> msisdns, int count) {
        await().atMost(DEADLINE).until(() -> msisdns.stream().allMatch(msisdn -> repliesTo(msisdn).size() >= count));
    }

    private List<String> repliesTo(String msisdn) {
        return path.truteq.receivedLines().stream().filter(line -> line.startsWith("SSMI,110," + msisdn + ",")).toList();
    }

    /** What the transport sent, less the link checks, which a timer sends whenever it fires. */
    private List<String> sessionLines() {
        return path.truteq.receivedLines().stream().filter(line -> !line.equals("SSMI,3")).toList();
    }

    private static List<String> transcript() {
        return Fixtures.text("ssmi/session.txt").lines()
                .filter(line -> line.startsWith(">> ") || line.startsWith("<< "))
                .filter(line -> !line.equals(">> SSMI,3") && !line.equals("<< SSMI,101,2") && !line.equals("<< SSMI,101,1"))
                .toList();
    }

    private static byte[] withoutLinkChecks(byte[] received) {
        return new String(received, StandardCharsets.ISO_8859_1).replace("SSMI,3\r", "")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] crTerminated(List<String> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        lines.forEach(line -> bytes.writeBytes((line + "\r").getBytes(StandardCharsets.ISO_8859_1)));
        return bytes.toByteArray();
    }
}
