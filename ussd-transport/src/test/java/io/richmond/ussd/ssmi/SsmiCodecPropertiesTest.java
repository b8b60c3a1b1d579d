package io.richmond.ussd.ssmi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.richmond.testsupport.Fixtures;
import io.richmond.testsupport.RandomInputs;
import io.richmond.ussd.ssmi.SsmiCommand.UssdMessage;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever arrives on an SSMI connection, parsing ends in a command or an {@link SsmiParseException}, and the
 * pipeline skips what does not parse and keeps the connection: the next good line is still decoded.
 */
class SsmiCodecPropertiesTest {

    private static final String GOOD_LINE = "SSMI,110,27831112222,1,0,*156#";
    private static final UssdMessage GOOD_COMMAND = new UssdMessage("27831112222", UssdType.NEW, "0", "*156#");
    /** Every command id of both directions, so that generated lines reach each command's field parsing. */
    private static final List<String> COMMAND_IDS =
            List.of("1", "2", "3", "4", "99", "100", "101", "102", "103", "104", "105", "106", "107", "108", "110",
                    "111", "112", "120", "199", "600");
    private static final List<String> ODD_FIELDS = List.of("", "0", "1", "2", "3", "4", "5", "-1", "2147483648",
            "0x1", "1e3", "\u0661\u0662\u0663", "::::::", "655011234567890:1::", "\u0000", "\u00ff\u00fe", "\uFFFD",
            "\uD800");
    private static final List<String> HEADERS = List.of("SSMI,", "SSMI,", "SSMI,", "SSMI", "ssmi,", " SSMI,", "");
    private static final List<String> TERMINATORS = List.of("\r", "\n", "\r\n", "\r\r", "\n\r");
    private static final List<byte[]> UNDECODABLE = List.of(new byte[] {(byte) 0xC3},
            new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {0});

    private record Line(String text, SsmiDirection direction) {
    }

    private record Reads(List<byte[]> chunks, Charset charset, int maxLineLength) {
    }

    @Test
    void anyTextParsesOrIsAParseError() {
        RandomInputs.forAll(1000, random -> new Line(random.anyString(255), random.of(SsmiDirection.values())),
                line -> assertParsesOrIsRefused(line.text(), line.direction()));
    }

    @Test
    void ssmiShapedLinesParseOrAreParseErrors() {
        RandomInputs.forAll(3000, random -> new Line(ssmiLine(random), random.of(SsmiDirection.values())),
                line -> assertParsesOrIsRefused(line.text(), line.direction()));
    }

    @Test
    void hugeLinesParseOrAreParseErrors() {
        RandomInputs.forAll(50,
                random -> new Line(ssmiLine(random) + "x,".repeat(random.between(10_000, 200_000) / 2),
                        random.of(SsmiDirection.values())),
                line -> assertParsesOrIsRefused(line.text(), line.direction()));
    }

    @Test
    void anyBytesLeaveTheConnectionUpAndTheNextLineIsDecoded() {
        RandomInputs.forAll(300,
                random -> new Reads(random.listOf(0, 12, () -> chunk(random)), random.of(ISO_8859_1, UTF_8, US_ASCII),
                        random.between(32, 2048)),
                reads -> {
                    EmbeddedChannel channel = clientSide(reads.charset(), reads.maxLineLength());
                    try {
                        // writeInbound rethrows anything that reached the end of the pipeline unhandled.
                        reads.chunks().forEach(chunk -> channel.writeInbound(Unpooled.wrappedBuffer(chunk)));
                        channel.writeInbound(Unpooled.copiedBuffer("\r" + GOOD_LINE + "\r", US_ASCII));

                        List<Object> decoded = inbound(channel);
                        assertThat(decoded).allMatch(SsmiCommand.FromServer.class::isInstance);
                        assertThat(decoded).last().isEqualTo(GOOD_COMMAND);
                        assertThat(channel.isActive()).isTrue();
                    } finally {
                        channel.finishAndReleaseAll();
                    }
                });
    }

    @Test
    void linesCutAnywhereAreDecodedAsIfSentWhole() {
        byte[] stream = Fixtures.bytes("ssmi/server_to_client.raw");
        List<Object> whole = decode(List.of(stream));

        RandomInputs.forAll(200,
                random -> random.listOf(0, 40, () -> random.between(0, stream.length)).stream().distinct().sorted()
                        .toList(),
                cuts -> assertThat(decode(split(stream, cuts))).hasSize(9).isEqualTo(whole));
    }

    @Test
    void manySessionsMergedIntoOneReadAreEachDecoded() {
        RandomInputs.forAll(200, random -> random.between(1, 500), lines -> {
            byte[] merged = (GOOD_LINE + "\r").repeat(lines).getBytes(US_ASCII);

            assertThat(decode(List.of(merged))).hasSize(lines).containsOnly(GOOD_COMMAND);
        });
    }

    private static void assertParsesOrIsRefused(String line, SsmiDirection direction) {
        Throwable thrown = catchThrowable(() -> assertThat(SsmiCodec.parse(line, direction)).isNotNull());

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(SsmiParseException.class);
            assertThat(((SsmiParseException) thrown).line()).isSameAs(line);
            assertThat(thrown.getMessage()).doesNotContain("\r", "\n").hasSizeLessThan(1200);
        }
    }

    /** A header, a command id (a real one half of the time) and up to nine fields of every kind. */
    private static String ssmiLine(RandomInputs random) {
        String id = random.oneOf(() -> random.of(COMMAND_IDS), () -> random.of(COMMAND_IDS),
                () -> String.valueOf(random.anyInt()), () -> random.string(RandomInputs.DIGITS, 0, 15),
                () -> random.anyString(4));
        List<String> fields = random.listOf(0, 9, () -> random.oneOf(() -> random.anyString(12),
                () -> random.string("0123456789:,#*+- ", 0, 16), () -> String.valueOf(random.anyInt()),
                () -> random.of(ODD_FIELDS)));
        return random.of(HEADERS) + id + (fields.isEmpty() ? "" : "," + String.join(",", fields));
    }

    /** A read of raw bytes: noise, pieces of SSMI lines, stray CRs and LFs, and the odd very long run. */
    private static byte[] chunk(RandomInputs random) {
        int kind = random.between(1, 17);
        if (kind <= 5) {
            return random.bytes(0, 300);
        }
        if (kind <= 10) {
            return String.join("\r", random.listOf(0, 4, () -> ssmiLine(random))).getBytes(UTF_8);
        }
        if (kind <= 13) {
            return random.of(TERMINATORS).getBytes(US_ASCII);
        }
        if (kind <= 16) {
            return random.of(UNDECODABLE);
        }
        byte[] run = new byte[random.between(2_000, 40_000)];
        Arrays.fill(run, (byte) 0xE9);
        return run;
    }

    private static List<byte[]> split(byte[] stream, List<Integer> cuts) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            pieces.add(Arrays.copyOfRange(stream, from, cut));
            from = cut;
        }
        pieces.add(Arrays.copyOfRange(stream, from, stream.length));
        return pieces;
    }

    private static List<Object> decode(List<byte[]> reads) {
        EmbeddedChannel channel = clientSide(ISO_8859_1, SsmiPipeline.DEFAULT_MAX_LINE_LENGTH);
        try {
            reads.forEach(read -> channel.writeInbound(Unpooled.wrappedBuffer(read)));
            return inbound(channel);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static EmbeddedChannel clientSide(Charset charset, int maxLineLength) {
        EmbeddedChannel channel = new EmbeddedChannel();
        SsmiPipeline.install(channel.pipeline(), charset, maxLineLength, SsmiDirection.SERVER_TO_CLIENT);
        return channel;
    }

    private static List<Object> inbound(EmbeddedChannel channel) {
        List<Object> read = new ArrayList<>();
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            read.add(message);
        }
        return read;
    }
}
