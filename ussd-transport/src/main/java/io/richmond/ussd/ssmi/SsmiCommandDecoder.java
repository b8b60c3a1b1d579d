package io.richmond.ussd.ssmi;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parses lines into {@link SsmiCommand}s; a line that does not parse is logged and skipped. */
final class SsmiCommandDecoder extends MessageToMessageDecoder<String> {

    private static final Logger log = LoggerFactory.getLogger(SsmiCommandDecoder.class);

    private final SsmiDirection direction;

    SsmiCommandDecoder(SsmiDirection direction) {
        super(String.class);
        this.direction = direction;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, String line, List<Object> out) {
        try {
            out.add(SsmiCodec.parse(line, direction));
        } catch (SsmiParseException e) {
            // One bad line says nothing about the next, so the connection stays up.
            log.warn("Skipping bad line from {}: {}", ctx.channel().remoteAddress(), e.getMessage());
        }
    }
}
