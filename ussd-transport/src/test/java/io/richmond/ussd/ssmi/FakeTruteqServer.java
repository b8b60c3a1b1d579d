package io.richmond.ussd.ssmi;

import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.richmond.ussd.ssmi.SsmiCommand.Ack;
import io.richmond.ussd.ssmi.SsmiCommand.LinkCheck;
import io.richmond.ussd.ssmi.SsmiCommand.Login;
import io.richmond.ussd.ssmi.SsmiCommand.Nack;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TruTeq stand-in for tests: a real TCP server on 127.0.0.1 speaking SSMI through {@link SsmiPipeline}.
 *
 * <p>It answers {@code SSMI,1,…} with {@code SSMI,101,1} (or the NACK set with {@link #refuseLogins}, or not at
 * all after {@link #ignoreLogins}) and {@code SSMI,3} with {@code SSMI,101,2} (unless {@link #ignoreLinkChecks}),
 * and records everything clients send:
 * raw bytes, lines (including ones that do not parse) and commands, across all connections in arrival order.
 * Everything else it sends only when a test tells it to. Thread-safe; one client is "current" at a time, the most
 * recently connected one.
 *
 * <pre>{@code
 * try (FakeTruteqServer truteq = new FakeTruteqServer().start()) {
 *     // connect a client to 127.0.0.1:truteq.port() ...
 *     truteq.awaitLine("SSMI,1,username,password", Duration.ofSeconds(5));
 *     truteq.send("SSMI,110,27831112222,1,0,*156#");
 *     truteq.awaitLine(line -> line.startsWith("SSMI,110,27831112222,2,"), Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class FakeTruteqServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FakeTruteqServer.class);

    private final Charset charset;
    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fake-truteq"), NioIoHandler.newFactory());
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<SsmiCommand.FromClient> commands = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private volatile Channel serverChannel;
    private volatile Channel client;
    private volatile NackType loginNack;
    private volatile boolean ignoreLogins;
    private volatile boolean ignoreLinkChecks;

    /** Speaks ISO-8859-1, as TruTeq does. */
    public FakeTruteqServer() {
        this(SsmiPipeline.DEFAULT_CHARSET);
    }

    public FakeTruteqServer(Charset charset) {
        this.charset = charset;
    }

    /** Listens on an ephemeral port; see {@link #port()}. */
    public FakeTruteqServer start() {
        return start(0);
    }

    /** Listens on {@code port} of 127.0.0.1, 0 for an ephemeral one. */
    public FakeTruteqServer start(int port) {
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("recordBytes", new ByteRecorder());
                        SsmiPipeline.install(ch.pipeline(), charset, SsmiPipeline.DEFAULT_MAX_LINE_LENGTH,
                                SsmiDirection.CLIENT_TO_SERVER);
                        ch.pipeline().addAfter(SsmiPipeline.LINE_DECODER, "recordLines", new LineRecorder());
                        ch.pipeline().addLast("fakeTruteq", new Responder());
                    }
                })
                .bind("127.0.0.1", port)
                .syncUninterruptibly()
                .channel();
        log.info("Fake TruTeq listening on {}", serverChannel.localAddress());
        return this;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    // ---- behaviour ----

    /** Answers every following login with {@code SSMI,102,<type>}. */
    public void refuseLogins(NackType type) {
        loginNack = type;
    }

    /** Answers every following login with {@code SSMI,101,1} (the default). */
    public void acceptLogins() {
        loginNack = null;
    }

    /** Whether to leave logins unanswered from now on (default: answer them). */
    public void ignoreLogins(boolean ignore) {
        ignoreLogins = ignore;
    }

    /** Whether to leave link checks unanswered from now on (default: answer them). */
    public void ignoreLinkChecks(boolean ignore) {
        ignoreLinkChecks = ignore;
    }

    // ---- what was received ----

    /** Every line received so far, without its CR, decoded in the charset; includes lines that do not parse. */
    public List<String> receivedLines() {
        return List.copyOf(lines);
    }

    /** Every line received so far that parsed as a client command. */
    public List<SsmiCommand.FromClient> receivedCommands() {
        return List.copyOf(commands);
    }

    /** Every byte received so far, exactly as it arrived. */
    public byte[] receivedBytes() {
        synchronized (bytes) {
            return bytes.toByteArray();
        }
    }

    /** Waits for a line equal to {@code line}, received before or during the wait. */
    public String awaitLine(String line, Duration timeout) {
        return awaitLine(line::equals, timeout);
    }

    /** Waits for a line matching {@code condition}, received before or during the wait, and returns the first. */
    public String awaitLine(Predicate<String> condition, Duration timeout) {
        return await("a matching line from the client").atMost(timeout)
                .until(() -> lines.stream().filter(condition).findFirst().orElse(null), line -> line != null);
    }

    // ---- connections ----

    /** How many client connections were accepted so far. */
    public int connectionCount() {
        return connections.get();
    }

    /** Whether a client is connected now. */
    public boolean isConnected() {
        Channel current = client;
        return current != null && current.isActive();
    }

    /** Waits until a client is connected. */
    public void awaitConnected(Duration timeout) {
        await("a client connection").atMost(timeout).until(this::isConnected);
    }

    /** Closes the connection to the current client, as a server-side failure would. */
    public void dropConnection() {
        currentClient().close().syncUninterruptibly();
    }

    // ---- sending ----

    /** Sends {@code line} plus CR, encoded in the charset, to the current client; no checks, so anything goes. */
    public void send(String line) {
        sendRaw((line + "\r").getBytes(charset));
    }

    /** Sends a command to the current client. */
    public void send(SsmiCommand.FromServer command) {
        currentClient().writeAndFlush(command).syncUninterruptibly();
    }

    /**
     * Sends exactly these bytes to the current client in one write, e.g. part of a line, several lines, garbage.
     * Returns once written to the socket.
     */
    public void sendRaw(byte[] data) {
        currentClient().writeAndFlush(Unpooled.wrappedBuffer(data)).syncUninterruptibly();
    }

    /** Stops listening, closes client connections and the I/O thread. */
    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        Channel current = client;
        if (current != null) {
            current.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Channel currentClient() {
        Channel current = client;
        if (current == null || !current.isActive()) {
            throw new IllegalStateException("no client is connected to the fake TruTeq server");
        }
        return current;
    }

    private final class ByteRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            byte[] data = ByteBufUtil.getBytes((ByteBuf) msg);
            synchronized (bytes) {
                bytes.writeBytes(data);
            }
            ctx.fireChannelRead(msg);
        }
    }

    private final class LineRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            log.debug("Fake TruTeq received {}", msg);
            lines.add((String) msg);
            ctx.fireChannelRead(msg);
        }
    }

    private final class Responder extends SimpleChannelInboundHandler<SsmiCommand.FromClient> {

        Responder() {
            super(SsmiCommand.FromClient.class);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            client = ctx.channel();
            connections.incrementAndGet();
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, SsmiCommand.FromClient command) {
            commands.add(command);
            if (command instanceof Login && !ignoreLogins) {
                NackType nack = loginNack;
                ctx.writeAndFlush(nack == null ? new Ack(AckType.LOGIN_OK) : new Nack(nack));
            } else if (command instanceof LinkCheck && !ignoreLinkChecks) {
                ctx.writeAndFlush(new Ack(AckType.LINK_CHECK_RESPONSE));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("Fake TruTeq closing the connection from {}", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}
