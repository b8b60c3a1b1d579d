package io.richmond.ussd.ssmi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.richmond.testsupport.RandomInputs;
import io.richmond.ussd.ssmi.SsmiCommand.UssdMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Hostile bytes from TruTeq over a real socket: the client skips what does not parse, keeps its one connection and
 * still hands the next good line to its listener.
 */
class SsmiClientHostileInputTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final UssdMessage GOOD_COMMAND = new UssdMessage("27831112222", UssdType.NEW, "0", "*156#");

    @Test
    void garbageOnTheWireLeavesTheConnectionUp() {
        RandomInputs.forAll(15, random -> random.listOf(1, 8, () -> read(random)), reads -> {
            RecordingSsmiListener listener = new RecordingSsmiListener();
            try (FakeTruteqServer truteq = new FakeTruteqServer().start()) {
                SsmiClient client = new SsmiClient(new SsmiClientSettings("127.0.0.1", truteq.port(), "username",
                        "password").withLinkCheckPeriod(Duration.ofSeconds(30)), listener);
                client.start();
                try {
                    await().atMost(TIMEOUT).until(() -> listener.loggedIn.get() == 1);

                    reads.forEach(truteq::sendRaw);
                    truteq.sendRaw(("\r" + SsmiCodec.format(GOOD_COMMAND) + "\r").getBytes(ISO_8859_1));

                    await().atMost(TIMEOUT).until(() -> listener.received.contains(GOOD_COMMAND));
                    assertThat(truteq.connectionCount()).isEqualTo(1);
                    assertThat(client.isLoggedIn()).isTrue();
                    assertThat(listener.disconnected).hasValue(0);
                } finally {
                    client.close();
                }
            }
        });
    }

    /** A raw read: random bytes, bytes cut from SSMI lines, or a line longer than the client takes. */
    private static byte[] read(RandomInputs random) {
        return random.oneOf(
                () -> random.bytes(1, 2000),
                () -> ("SSMI," + random.string("SMI,0123456789:*#\r\n\u00e9", 1, 200)).getBytes(ISO_8859_1),
                () -> ("SSMI,105," + "x".repeat(random.between(SsmiPipeline.DEFAULT_MAX_LINE_LENGTH + 1, 60_000)))
                        .getBytes(ISO_8859_1));
    }
}
