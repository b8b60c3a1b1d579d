package io.richmond.ussd.ssmi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the byte stream into CR-terminated lines (terminator stripped). A line longer than the maximum is dropped
 * with a log line and the connection is kept.
 */
final class SsmiFrameDecoder extends DelimiterBasedFrameDecoder {

    private static final Logger log = LoggerFactory.getLogger(SsmiFrameDecoder.class);

    private final int maxLineLength;

    SsmiFrameDecoder(int maxLineLength) {
        super(maxLineLength, true, true, Unpooled.wrappedBuffer(new byte[] {'\r'}));
        this.maxLineLength = maxLineLength;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        try {
            return super.decode(ctx, buffer);
        } catch (TooLongFrameException e) {
            // Caught here rather than further down the pipeline: thrown out of decode() it would stop this read's
            // decoding loop, leaving good lines that follow in the same read waiting for the next one.
            log.warn("Dropping a line from {} longer than {} bytes; keeping the connection",
                    ctx.channel().remoteAddress(), maxLineLength);
            return null;
        }
    }
}
