package io.richmond.ussd.ssmi;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.string.StringDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The SSMI codec handlers, shared by the client and by servers: inbound bytes become {@link SsmiCommand}s,
 * outbound {@link SsmiCommand}s become CR-terminated lines. Outbound {@code ByteBuf}s pass through untouched.
 *
 * <p>Handlers are added under the names below so that callers can put their own next to them (a test server, for
 * instance, records lines right after {@link #LINE_DECODER}).
 */
public final class SsmiPipeline {

    /** Production TruTeq (and Vumi) use ISO-8859-1 both ways (protocols.md §1.1). */
    public static final Charset DEFAULT_CHARSET = StandardCharsets.ISO_8859_1;
    /** In bytes, terminator excluded. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 8192;

    /** Bytes to CR-terminated lines ({@code ByteBuf}, terminator stripped); drops over-long lines. */
    public static final String FRAME_DECODER = "ssmiFrameDecoder";
    /** Line bytes to {@code String} in the charset. */
    public static final String LINE_DECODER = "ssmiLineDecoder";
    /** {@code String} to {@link SsmiCommand}; skips lines that do not parse. */
    public static final String COMMAND_DECODER = "ssmiCommandDecoder";
    /** {@link SsmiCommand} to bytes. */
    public static final String ENCODER = "ssmiEncoder";

    private SsmiPipeline() {
    }

    /**
     * Adds the SSMI handlers at the end of {@code pipeline}.
     *
     * @param maxLineLength longest line accepted, in bytes, terminator excluded
     * @param inbound       the direction of the lines this side receives: {@link SsmiDirection#SERVER_TO_CLIENT}
     *                      for a client, {@link SsmiDirection#CLIENT_TO_SERVER} for a server
     */
    public static void install(ChannelPipeline pipeline, Charset charset, int maxLineLength, SsmiDirection inbound) {
        pipeline.addLast(FRAME_DECODER, new SsmiFrameDecoder(maxLineLength));
        pipeline.addLast(LINE_DECODER, new StringDecoder(charset));
        pipeline.addLast(COMMAND_DECODER, new SsmiCommandDecoder(inbound));
        pipeline.addLast(ENCODER, new SsmiEncoder(charset));
    }
}
