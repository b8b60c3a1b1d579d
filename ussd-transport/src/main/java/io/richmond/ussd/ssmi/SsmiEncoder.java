package io.richmond.ussd.ssmi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.Charset;

/**
 * Writes a {@link SsmiCommand} as its line plus CR. A command that cannot be formatted fails its write promise with
 * an {@code EncoderException} caused by the {@link IllegalArgumentException} from {@link SsmiCodec#format}.
 */
final class SsmiEncoder extends MessageToByteEncoder<SsmiCommand> {

    private final Charset charset;

    SsmiEncoder(Charset charset) {
        super(SsmiCommand.class);
        this.charset = charset;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SsmiCommand command, ByteBuf out) {
        out.writeCharSequence(SsmiCodec.format(command), charset);
        out.writeByte('\r');
    }
}
