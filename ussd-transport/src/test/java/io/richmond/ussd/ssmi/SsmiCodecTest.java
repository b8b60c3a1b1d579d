package io.richmond.ussd.ssmi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.richmond.testsupport.Fixtures;
import io.richmond.ussd.ssmi.SsmiCommand.Ack;
import io.richmond.ussd.ssmi.SsmiCommand.BinaryMoSms;
import io.richmond.ussd.ssmi.SsmiCommand.DeliveryReport;
import io.richmond.ussd.ssmi.SsmiCommand.ExtendedUssdMessage;
import io.richmond.ussd.ssmi.SsmiCommand.FreeForm;
import io.richmond.ussd.ssmi.SsmiCommand.ImsiLookup;
import io.richmond.ussd.ssmi.SsmiCommand.ImsiLookupReply;
import io.richmond.ussd.ssmi.SsmiCommand.LinkCheck;
import io.richmond.ussd.ssmi.SsmiCommand.Login;
import io.richmond.ussd.ssmi.SsmiCommand.Logout;
import io.richmond.ussd.ssmi.SsmiCommand.MoSms;
import io.richmond.ussd.ssmi.SsmiCommand.Nack;
import io.richmond.ussd.ssmi.SsmiCommand.PremiumBinaryMoSms;
import io.richmond.ussd.ssmi.SsmiCommand.PremiumMoSms;
import io.richmond.ussd.ssmi.SsmiCommand.RemoteLogout;
import io.richmond.ussd.ssmi.SsmiCommand.SendBinarySms;
import io.richmond.ussd.ssmi.SsmiCommand.SendExtendedUssd;
import io.richmond.ussd.ssmi.SsmiCommand.SendMms;
import io.richmond.ussd.ssmi.SsmiCommand.SendSms;
import io.richmond.ussd.ssmi.SsmiCommand.SendUssd;
import io.richmond.ussd.ssmi.SsmiCommand.SendWapPush;
import io.richmond.ussd.ssmi.SsmiCommand.Seq;
import io.richmond.ussd.ssmi.SsmiCommand.UssdMessage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SsmiCodecTest {

    /** A fixture line: its direction and the line as on the wire. */
    record WireLine(SsmiDirection direction, String line) {
        @Override
        public String toString() {
            return (direction == SsmiDirection.CLIENT_TO_SERVER ? ">> " : "<< ") + line;
        }
    }

    /** The {@code >>}/{@code <<} lines of a transcript fixture; {@code #} lines are comments. */
    static List<WireLine> transcript(String fixture) {
        return Fixtures.text(fixture).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> new WireLine(
                        line.startsWith(">> ") ? SsmiDirection.CLIENT_TO_SERVER : SsmiDirection.SERVER_TO_CLIENT,
                        line.substring(3)))
                .toList();
    }

    static Stream<WireLine> everyFixtureLine() {
        return Stream.concat(transcript("ssmi/commands.txt").stream(), transcript("ssmi/session.txt").stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFixtureLine")
    void everyFixtureLineParsesInItsDirectionAndFormatsBackUnchanged(WireLine wire) {
        SsmiCommand command = SsmiCodec.parse(wire.line(), wire.direction());

        assertThat(command).isInstanceOf(wire.direction() == SsmiDirection.CLIENT_TO_SERVER
                ? SsmiCommand.FromClient.class : SsmiCommand.FromServer.class);
        assertThat(SsmiCodec.format(command)).isEqualTo(wire.line());
    }

    @Test
    void commandsFixtureParsesToTheseCommands() {
        Genfields genfields = new Genfields("655011234567890", "1", "", "", "", 4);
        List<SsmiCommand> expected = List.of(
                new Login("username", "password"),
                new SendSms(0, "2700000000", "hi there!"),
                new LinkCheck(),
                new SendBinarySms(0, "2700000000", 15, 246, "68656c6c6f20776f726c64"),
                new Logout(),
                new SendUssd("2700000000", UssdType.NETWORK_INITIATED, "hello world"),
                new SendMms("2700000000", "subject", "name.gif", "68656c6c6f20776f726c64"),
                new SendWapPush("2700000000", "foo", "http://bar/baz.gif"),
                new SendExtendedUssd("2700000000", UssdType.NEW, new Genfields("foo", "bar", "baz", "", "", 3),
                        "hello world"),
                new ImsiLookup("123", "2700000000", "12345"),
                new Seq("2700000000", "bar"),
                new Ack(AckType.LOGIN_OK),
                new Ack(AckType.LINK_CHECK_RESPONSE),
                new Nack(NackType.INVALID_CREDENTIALS),
                new MoSms("2700000000", "1", "foo, bar"),
                new DeliveryReport("2700000000", "1", 0),
                new FreeForm("foo"),
                new BinaryMoSms("2700000000", "1", 15, 246, "68656c6c6f"),
                new PremiumMoSms("2700000000", "1", "foo", "bar"),
                new PremiumBinaryMoSms("2700000000", "1", 15, 246, "foo", "68656c6c6f"),
                new UssdMessage("2700000000", UssdType.TIMEOUT, "2", "foo"),
                new ExtendedUssdMessage("2700000000", UssdType.NEW, "2", genfields, "*100#"),
                new RemoteLogout("127.0.0.1"),
                new ImsiLookupReply("123", "2700000000", "12345", "spid"));

        List<SsmiCommand> parsed = transcript("ssmi/commands.txt").stream()
                .map(wire -> SsmiCodec.parse(wire.line(), wire.direction()))
                .toList();

        assertThat(parsed).containsExactlyElementsOf(expected);
    }

    @Test
    void rawFixturesAreTheSessionLinesEachFollowedByCr() {
        for (SsmiDirection direction : SsmiDirection.values()) {
            String raw = direction == SsmiDirection.CLIENT_TO_SERVER
                    ? "ssmi/client_to_server.raw" : "ssmi/server_to_client.raw";
            ByteArrayOutputStream formatted = new ByteArrayOutputStream();
            transcript("ssmi/session.txt").stream()
                    .filter(wire -> wire.direction() == direction)
                    .map(wire -> SsmiCodec.format(SsmiCodec.parse(wire.line(), direction)) + "\r")
                    .forEach(line -> formatted.writeBytes(line.getBytes(ISO_8859_1)));

            assertThat(formatted.toByteArray()).as(raw).isEqualTo(Fixtures.bytes(raw));
        }
    }

    @Test
    void theLastFieldTakesTheRestOfTheLineCommasIncluded() {
        assertThat(SsmiCodec.parseFromServer("SSMI,110,27831112222,2,0,Hello, you."))
                .isEqualTo(new UssdMessage("27831112222", UssdType.EXISTING, "0", "Hello, you."));
        assertThat(SsmiCodec.parseFromClient("SSMI,110,27831112222,3,quitting, goodbye!"))
                .isEqualTo(new SendUssd("27831112222", UssdType.END, "quitting, goodbye!"));
        assertThat(SsmiCodec.format(new SendUssd("2783", UssdType.END, ",a,,b,")))
                .isEqualTo("SSMI,110,2783,3,,a,,b,");
    }

    @Test
    void anEmptyLastFieldIsAnEmptyMessage() {
        assertThat(SsmiCodec.parseFromServer("SSMI,110,27831112222,4,0,"))
                .isEqualTo(new UssdMessage("27831112222", UssdType.TIMEOUT, "0", ""));
    }

    @Test
    void theSameIdMeansDifferentCommandsPerDirection() {
        assertThat(SsmiCodec.parseFromClient("SSMI,110,2783,2,0,hi"))
                .isEqualTo(new SendUssd("2783", UssdType.EXISTING, "0,hi"));
        assertThat(SsmiCodec.parseFromServer("SSMI,110,2783,2,0,hi"))
                .isEqualTo(new UssdMessage("2783", UssdType.EXISTING, "0", "hi"));
    }

    @Test
    void missingTrailingGenfieldsAreEmptyAndVumiKeysThem() {
        Genfields genfields = Genfields.parse("::3");

        assertThat(genfields.asMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "IMSI", "", "Subscriber Type", "", "OperatorID", "3", "SessionID", "", "ValiPort", ""));
        assertThat(genfields.asMap().keySet())
                .containsExactly("IMSI", "Subscriber Type", "OperatorID", "SessionID", "ValiPort");
        assertThat(genfields.format()).isEqualTo("::3");
    }

    @Test
    void genfieldsFromAnExtendedUssdMessage() {
        ExtendedUssdMessage message = (ExtendedUssdMessage) SsmiCodec.parseFromServer(
                "SSMI,111,27831112222,1,0,655011234567890:1::,*156#");

        assertThat(message.genfields()).isEqualTo(new Genfields("655011234567890", "1", "", "", "", 4));
        assertThat(message.genfields().imsi()).isEqualTo("655011234567890");
        assertThat(message.genfields().subscriberType()).isEqualTo("1");
        assertThat(message.genfields().valiPort()).isEmpty();
        assertThat(message.message()).isEqualTo("*156#");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                  | 1 | ''",
            "::::                | 5 | ''",
            "a:b:c:d:e           | 5 | e",
            "a:b:c:d:e:f         | 5 | e:f"})
    void genfieldsRoundTrip(String text, int fieldCount, String valiPort) {
        Genfields genfields = Genfields.parse(text);

        assertThat(genfields.fieldCount()).isEqualTo(fieldCount);
        assertThat(genfields.valiPort()).isEqualTo(valiPort);
        assertThat(genfields.format()).isEqualTo(text);
    }

    @Test
    void genfieldsBuiltForSendingHaveAllFiveValues() {
        assertThat(new Genfields("", "", "3", "", "").format()).isEqualTo("::3::");
        assertThatThrownBy(() -> new Genfields("a:b", "", "", "", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Genfields("", "", "3", "", "", 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "Garbage", "no SSMI header: 'Garbage'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "", "empty line: ''"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "SSMI", "no command id: 'SSMI'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "SSMI,", "command id '' is not a number: 'SSMI,'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "ssmi,101,1", "no SSMI header: 'ssmi,101,1'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "SSMI,abc,1",
                        "command id 'abc' is not a number: 'SSMI,abc,1'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "SSMI,110,2783",
                        "command 110 needs 4 fields after the id, got 1: 'SSMI,110,2783'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "SSMI,110,2783,1,0",
                        "command 110 needs 4 fields after the id, got 3: 'SSMI,110,2783,1,0'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "SSMI,101",
                        "command 101 needs 1 field after the id, got 0: 'SSMI,101'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "SSMI,42,foo",
                        "unknown command id 42 from the server: 'SSMI,42,foo'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "SSMI,1,username,password",
                        "unknown command id 1 from the server: 'SSMI,1,username,password'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "SSMI,110,2783,9,0,hi",
                        "unknown USSD type 9: 'SSMI,110,2783,9,0,hi'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "SSMI,110,2783,x,0,hi",
                        "USSD type 'x' is not a number: 'SSMI,110,2783,x,0,hi'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "SSMI,101,3", "unknown ACK type 3: 'SSMI,101,3'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "SSMI,102,5", "unknown NACK type 5: 'SSMI,102,5'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "SSMI,104,2783,1,ok",
                        "return code 'ok' is not a number: 'SSMI,104,2783,1,ok'"),
                Arguments.of(SsmiDirection.CLIENT_TO_SERVER, "SSMI,3,now",
                        "command 3 takes no fields after the id: 'SSMI,3,now'"),
                Arguments.of(SsmiDirection.CLIENT_TO_SERVER, "SSMI,101,1",
                        "unknown command id 101 from the client: 'SSMI,101,1'"),
                Arguments.of(SsmiDirection.CLIENT_TO_SERVER, "SSMI,2,week,2783,hi",
                        "validity 'week' is not a number: 'SSMI,2,week,2783,hi'"),
                Arguments.of(SsmiDirection.SERVER_TO_CLIENT, "Garbage\nmore\u0000",
                        "no SSMI header: 'Garbage\\nmore\\u0000'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badLines")
    void badLinesAreRejectedWithTheReasonAndTheLine(SsmiDirection direction, String line, String message) {
        assertThatThrownBy(() -> SsmiCodec.parse(line, direction))
                .isInstanceOf(SsmiParseException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((SsmiParseException) e).line()).isEqualTo(line));
    }

    @Test
    void aLongBadLineIsShortenedInTheMessage() {
        String line = "x".repeat(1000);

        assertThatThrownBy(() -> SsmiCodec.parseFromServer(line))
                .hasMessage("no SSMI header: '" + "x".repeat(200) + "' (800 more characters)");
    }

    @Test
    void aBadFieldIsShortenedAndEscapedInTheReason() {
        String line = "SSMI,101," + "9\n".repeat(500);

        assertThatThrownBy(() -> SsmiCodec.parseFromServer(line))
                .isInstanceOfSatisfying(SsmiParseException.class, e -> assertThat(e.reason())
                        .isEqualTo("ACK type '" + "9\\n".repeat(100) + "' (800 more characters) is not a number"))
                .message().doesNotContain("\n").hasSizeLessThan(1000);
    }

    @Test
    void formatRefusesWhatWouldBreakTheLine() {
        assertThatThrownBy(() -> SsmiCodec.format(new SendUssd("2783", UssdType.END, "bye\r")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot format SendUssd: field 3 contains a CR, which would end the line");
        assertThatThrownBy(() -> SsmiCodec.format(new SendUssd("27,83", UssdType.END, "bye")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot format SendUssd: field 1 contains a comma, which only the last field may");
        assertThatThrownBy(() -> SsmiCodec.format(new SendUssd(null, UssdType.END, "bye")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot format SendUssd: field 1 is null");
    }

    @Test
    void lineFeedsInTextAreFine() {
        SendUssd menu = new SendUssd("2783", UssdType.EXISTING, "1. Yes\n2. No");

        assertThat(SsmiCodec.parseFromClient(SsmiCodec.format(menu))).isEqualTo(menu);
    }

    @Test
    void passwordsStayOutOfToString() {
        assertThat(new Login("user", "s3cret").toString()).doesNotContain("s3cret");
        assertThat(new SsmiClientSettings("host", 1, "user", "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void enumsKnowTheirWireCodes() {
        assertThat(Arrays.stream(UssdType.values()).map(UssdType::code)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(NackType.ofCode(4)).isEqualTo(NackType.ACCOUNT_SUSPENDED);
        assertThat(NackType.INVALID_CREDENTIALS.meaning()).isEqualTo("invalid username/password combination");
    }
}
