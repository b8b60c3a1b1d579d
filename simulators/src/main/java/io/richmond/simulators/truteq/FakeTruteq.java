package io.richmond.simulators.truteq;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.richmond.simulators.Terminal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A TruTeq SSMI server on 127.0.0.1 (protocols.md §1): CR-terminated lines in ISO-8859-1, one account, link checks
 * answered. The person at the console plays the phones through {@link #phone()}.
 */
public final class FakeTruteq implements AutoCloseable {

    /** What TruTeq and Vumi use on the wire. */
    private static final Charset CHARSET = StandardCharsets.ISO_8859_1;
    /** In bytes; a longer line is dropped and the connection kept, as ussd-transport does. */
    private static final int MAX_LINE_LENGTH = 8192;
    private static final byte[] CR = {'\r'};

    private final EventLoopGroup group;
    private final Channel server;
    private final UssdPhone phone;

    private FakeTruteq(EventLoopGroup group, Channel server, UssdPhone phone) {
        this.group = group;
        this.server = server;
        this.phone = phone;
    }

    /** @throws IOException when the port cannot be bound */
    public static FakeTruteq start(TruteqSettings settings, Terminal terminal) throws IOException {
        TruteqLinks links = new TruteqLinks();
        UssdPhone phone = new UssdPhone(links, terminal);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fake-truteq", true),
                NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(
                                new DelimiterBasedFrameDecoder(MAX_LINE_LENGTH, Unpooled.wrappedBuffer(CR)),
                                new StringDecoder(CHARSET),
                                new StringEncoder(CHARSET),
                                new TruteqLinkHandler(settings, links, phone, terminal));
                    }
                });
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("cannot listen on 127.0.0.1:" + settings.port() + ": " + bound.cause().getMessage(),
                    bound.cause());
        }
        return new FakeTruteq(group, bound.channel(), phone);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public UssdPhone phone() {
        return phone;
    }

    /** Closes the server and every connection. */
    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
