package io.richmond.ussd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.SessionEvent;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.worker.UssdWorker;
import io.richmond.testsupport.Fixtures;
import io.richmond.ussd.ssmi.SsmiCodec;
import io.richmond.ussd.ssmi.SsmiCommand;

class SsmiMessageMapperTest {

    private final UssdSessions sessions = new UssdSessions(Duration.ofMinutes(5));
    private final SsmiMessageMapper mapper = new SsmiMessageMapper("truteq_transport", sessions);
    private final MessageCodec codec = new MessageCodec();

    @Test
    void anExtendedNewSessionMapsToTheVumiFixture() {
        UserMessage expected = fixture("vumi/user_message_ussd_new.json");

        UserMessage actual = inbound("SSMI,111,27000000000,1,0,::3,*678");

        assertThat(actual.toBuilder().messageId(expected.messageId()).timestamp(expected.timestamp()).build())
                .isEqualTo(expected);
    }

    @Test
    void theFixtureReplyMapsToTheSsmiLineOfTheProtocolNotes() {
        assertThat(SsmiCodec.format(mapper.outbound(fixture("vumi/user_message_ussd_reply.json"))))
                .isEqualTo("SSMI,110,27000000000,3,quitting, goodbye!");
    }

    @ParameterizedTest(name = "{0} -> {1} {2} to {3}")
    @CsvSource(delimiter = '|', value = {
            // SSMI line from TruTeq                        | session event | content          | to_addr
            "SSMI,110,27831112222,2,0,Hello, you.            | RESUME        | Hello, you.      | *120#",
            "SSMI,110,27831112222,3,0,                       | CLOSE         | ''               | *120#",
            "SSMI,110,27831112222,4,0,                       | CLOSE         | ''               | *120#",
            "SSMI,111,27831112222,2,1,655011234567890:1::,1  | RESUME        | 1                | *120#",
    })
    void messagesInASessionCarryItsUssdCode(String line, SessionEvent event, String content, String toAddr) {
        inbound("SSMI,110,27831112222,1,0,*120#");

        UserMessage message = inbound(line);

        assertThat(message.sessionEvent()).isEqualTo(event);
        assertThat(message.content()).isEqualTo(content);
        assertThat(message.toAddr()).isEqualTo(toAddr);
        assertThat(message.fromAddr()).isEqualTo("+27831112222");
        assertThat(message.transportType()).isEqualTo("ussd");
    }

    @ParameterizedTest
    @CsvSource({"*120#, *120#", "*120*663*79, *120*663*79#"})
    void aNewSessionCarriesTheDialledCodeEndingInHash(String dialled, String ussdCode) {
        UserMessage message = inbound("SSMI,110,27831112222,1,0," + dialled);

        assertThat(message.sessionEvent()).isEqualTo(SessionEvent.NEW);
        assertThat(message.toAddr()).isEqualTo(ussdCode);
        assertThat(message.content()).isNull();
        assertThat(message.helperMetadata()).isEqualTo(Map.of("truteq", Map.of("genfields", Map.of())));
    }

    @Test
    void aTimeoutIsACloseMarkedForTheWorker() {
        inbound("SSMI,110,27831112222,1,0,*120#");

        UserMessage timeout = inbound("SSMI,110,27831112222,4,0,");

        assertThat(timeout.transportMetadata()).containsEntry(UssdWorker.SESSION_TIMEOUT, true);
    }

    @Test
    void aClosedSessionForgetsItsCode() {
        inbound("SSMI,110,27831112222,1,0,*120#");
        inbound("SSMI,110,27831112222,3,0,");

        assertThat(sessions.ussdCode("+27831112222")).isEmpty();
        assertThat(inbound("SSMI,110,27831112222,2,0,late").toAddr()).isEmpty();
    }

    @Test
    void anAnswerWithoutAKnownSessionIsPassedOnWithAnEmptyCode() {
        assertThat(inbound("SSMI,110,27831119999,2,0,hi").toAddr()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SSMI,103,2700000000,1,foo, bar",
            "SSMI,104,2700000000,1,0",
            "SSMI,199,127.0.0.1",
            "SSMI,110,2700000000,5,0,redirect",
            "SSMI,110,2700000000,6,0,push",
    })
    void commandsThatAreNotUserUssdMessagesMapToNothing(String line) {
        assertThat(mapper.inbound(SsmiCodec.parseFromServer(line))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // session event | content                  | SSMI line to TruTeq
            "null            | Hello                    | SSMI,110,27831112222,2,Hello",
            "RESUME          | Hello                    | SSMI,110,27831112222,2,Hello",
            "CLOSE           | Bye                      | SSMI,110,27831112222,3,Bye",
            "NEW             | Pushed                   | SSMI,110,27831112222,1,Pushed",
            "null            | null                     | SSMI,110,27831112222,2,",
    })
    void repliesMapToSsmiWithoutThePlus(SessionEvent event, String content, String line) {
        assertThat(SsmiCodec.format(mapper.outbound(reply(event, content)))).isEqualTo(line);
    }

    @Test
    void carriageReturnsInAReplyBecomeLineFeeds() {
        SsmiCommand.SendUssd send = mapper.outbound(reply(null, "hello\r\nwindows\rworld"));

        assertThat(send.message()).isEqualTo("hello\nwindows\nworld");
    }

    @Test
    void aClosingReplyForgetsTheSession() {
        inbound("SSMI,110,27831112222,1,0,*120#");

        mapper.outbound(reply(SessionEvent.CLOSE, "Bye"));

        assertThat(sessions.ussdCode("+27831112222")).isEmpty();
    }

    private UserMessage inbound(String line) {
        return mapper.inbound(SsmiCodec.parseFromServer(line)).orElseThrow();
    }

    private static UserMessage reply(SessionEvent event, String content) {
        return UserMessage.builder()
                .toAddr("+27831112222")
                .fromAddr("*120#")
                .transportName("truteq")
                .transportType("ussd")
                .sessionEvent(event)
                .content(content)
                .build();
    }

    private UserMessage fixture(String path) {
        return codec.decode(Fixtures.text(path).getBytes(StandardCharsets.UTF_8), UserMessage.class);
    }
}
