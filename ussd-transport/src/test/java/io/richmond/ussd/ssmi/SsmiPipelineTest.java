package io.richmond.ussd.ssmi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.richmond.testsupport.Fixtures;
import io.richmond.ussd.ssmi.SsmiCommand.Ack;
import io.richmond.ussd.ssmi.SsmiCommand.Login;
import io.richmond.ussd.ssmi.SsmiCommand.SendUssd;
import io.richmond.ussd.ssmi.SsmiCommand.UssdMessage;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SsmiPipelineTest {

    private static final UssdMessage NEW_SESSION =
            new UssdMessage("27831112222", UssdType.NEW, "0", "*156#");

    private EmbeddedChannel channel;

    @AfterEach
    void finish() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private EmbeddedChannel clientSide(Charset charset, int maxLineLength) {
        channel = new EmbeddedChannel();
        SsmiPipeline.install(channel.pipeline(), charset, maxLineLength, SsmiDirection.SERVER_TO_CLIENT);
        return channel;
    }

    private EmbeddedChannel clientSide() {
        return clientSide(ISO_8859_1, SsmiPipeline.DEFAULT_MAX_LINE_LENGTH);
    }

    private static ByteBuf bytes(String text, Charset charset) {
        return Unpooled.copiedBuffer(text, charset);
    }

    private static ByteBuf ascii(String text) {
        return bytes(text, US_ASCII);
    }

    private List<Object> inbound() {
        List<Object> read = new ArrayList<>();
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            read.add(message);
        }
        return read;
    }

    private String outbound() {
        ByteBuf written = channel.readOutbound();
        try {
            return written.toString(ISO_8859_1);
        } finally {
            written.release();
        }
    }

    @Test
    void aLineSplitAcrossReadsIsDecodedOnceComplete() {
        clientSide();

        channel.writeInbound(ascii("SSMI,110,2783111"));
        assertThat(inbound()).isEmpty();
        channel.writeInbound(ascii("2222,1,0,*1"));
        assertThat(inbound()).isEmpty();
        channel.writeInbound(ascii("56#\r"));

        assertThat(inbound()).containsExactly(NEW_SESSION);
    }

    @Test
    void severalLinesInOneReadAreDecodedInOrder() {
        clientSide();

        channel.writeInbound(Unpooled.wrappedBuffer(Fixtures.bytes("ssmi/server_to_client.raw")));

        List<Object> read = inbound();
        assertThat(read).hasSize(9);
        assertThat(read.get(0)).isEqualTo(new Ack(AckType.LOGIN_OK));
        assertThat(read.get(1)).isEqualTo(NEW_SESSION);
        assertThat(read.get(8)).isEqualTo(new UssdMessage("27831112222", UssdType.END, "0", ""));
    }

    @Test
    void aTooLongLineIsDroppedAndTheNextOneStillArrives(CapturedOutput output) {
        clientSide(ISO_8859_1, 64);

        channel.writeInbound(ascii("SSMI,105," + "x".repeat(100) + "\rSSMI,101,2\r"));

        assertThat(inbound()).containsExactly(new Ack(AckType.LINK_CHECK_RESPONSE));
        assertThat(channel.isActive()).isTrue();
        assertThat(output).contains("Dropping a line from", "longer than 64 bytes; keeping the connection");
    }

    @Test
    void aTooLongLineArrivingInPiecesIsDroppedOnce(CapturedOutput output) {
        clientSide(ISO_8859_1, 64);

        channel.writeInbound(ascii("SSMI,105," + "x".repeat(100)));
        channel.writeInbound(ascii("x".repeat(100)));
        channel.writeInbound(ascii("xx\rSSMI,110,27831112222,1,0,*156#\r"));

        assertThat(inbound()).containsExactly(NEW_SESSION);
        assertThat(output.toString().split("Dropping a line", -1)).hasSize(2);
    }

    @Test
    void garbageBetweenGoodLinesIsLoggedAndSkipped(CapturedOutput output) {
        clientSide();

        channel.writeInbound(ascii("SSMI,101,1\rGarbage\rSSMI,110,2783\r\rSSMI,110,27831112222,1,0,*156#\r"));

        assertThat(inbound()).containsExactly(new Ack(AckType.LOGIN_OK), NEW_SESSION);
        assertThat(channel.isActive()).isTrue();
        assertThat(output)
                .contains("Skipping bad line from", ": no SSMI header: 'Garbage'")
                .contains("command 110 needs 4 fields after the id, got 1: 'SSMI,110,2783'")
                .contains("empty line: ''");
    }

    @Test
    void textIsDecodedInTheConfiguredCharset() {
        clientSide(ISO_8859_1, SsmiPipeline.DEFAULT_MAX_LINE_LENGTH);
        channel.writeInbound(bytes("SSMI,110,2783,2,0,föóbær\r", ISO_8859_1));
        assertThat(inbound()).containsExactly(new UssdMessage("2783", UssdType.EXISTING, "0", "föóbær"));

        channel.finishAndReleaseAll();
        clientSide(UTF_8, SsmiPipeline.DEFAULT_MAX_LINE_LENGTH);
        channel.writeInbound(bytes("SSMI,110,2783,2,0,föóbær\r", UTF_8));
        assertThat(inbound()).containsExactly(new UssdMessage("2783", UssdType.EXISTING, "0", "föóbær"));
    }

    @Test
    void textIsEncodedInTheConfiguredCharset() {
        SendUssd reply = new SendUssd("2783", UssdType.EXISTING, "föóbær");

        clientSide(ISO_8859_1, SsmiPipeline.DEFAULT_MAX_LINE_LENGTH);
        channel.writeOutbound(reply);
        ByteBuf latin1 = channel.readOutbound();
        assertThat(ByteBufUtil.getBytes(latin1)).isEqualTo("SSMI,110,2783,2,föóbær\r".getBytes(ISO_8859_1));
        latin1.release();

        channel.finishAndReleaseAll();
        clientSide(UTF_8, SsmiPipeline.DEFAULT_MAX_LINE_LENGTH);
        channel.writeOutbound(reply);
        ByteBuf utf8 = channel.readOutbound();
        assertThat(ByteBufUtil.getBytes(utf8)).isEqualTo("SSMI,110,2783,2,föóbær\r".getBytes(UTF_8));
        utf8.release();
    }

    @Test
    void commandsAreWrittenAsTheirLinePlusCr() {
        clientSide();

        channel.writeOutbound(new Login("username", "password"));

        assertThat(outbound()).isEqualTo("SSMI,1,username,password\r");
    }

    @Test
    void aCommandThatCannotBeFormattedFailsItsWrite() {
        clientSide();

        assertThatThrownBy(() -> channel.writeOutbound(new SendUssd("2783", UssdType.END, "a\rb")))
                .isInstanceOf(EncoderException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        Object written = channel.readOutbound();
        assertThat(written).isNull();
    }

    @Test
    void aServerSidePipelineParsesClientCommands() {
        channel = new EmbeddedChannel();
        SsmiPipeline.install(channel.pipeline(), ISO_8859_1, SsmiPipeline.DEFAULT_MAX_LINE_LENGTH,
                SsmiDirection.CLIENT_TO_SERVER);

        channel.writeInbound(ascii("SSMI,110,27831112222,2,Hello, you.\r"));

        assertThat(inbound()).containsExactly(new SendUssd("27831112222", UssdType.EXISTING, "Hello, you."));
    }
}
