package io.richmond.ussd.ssmi;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import io.richmond.ussd.ssmi.SsmiCommand.Logout;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's single SSMI connection to TruTeq (TruTeq allows one login per account, so all traffic shares it).
 * Connects, logs in, checks the link, and reconnects with exponential back-off after every disconnect or failed
 * connect until {@link #close()}.
 *
 * <p>All I/O and every {@link SsmiListener} call happen on one event-loop thread owned by the client;
 * {@link #send} may be called from any thread.
 */
public final class SsmiClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SsmiClient.class);

    /** How long {@link #close()} waits for the logout to be written and the socket closed. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final SsmiClientSettings settings;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    /** The connection once logged in, null otherwise; read by {@link #send} on callers' threads. */
    private volatile Channel loggedInChannel;

    // Event loop only.
    private final Backoff backoff;
    private Channel channel;
    private ScheduledFuture<?> pendingReconnect;

    public SsmiClient(SsmiClientSettings settings, SsmiListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ssmi-client"),
                NioIoHandler.newFactory());
        this.loop = group.next();
        this.backoff = new Backoff(settings.reconnectInitialDelay(), settings.reconnectMaxDelay());
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                // Replies are small lines a subscriber is waiting for; Nagle would only delay them.
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .remoteAddress(settings.host(), settings.port())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SsmiPipeline.install(ch.pipeline(), settings.charset(), settings.maxLineLength(),
                                SsmiDirection.SERVER_TO_CLIENT);
                        ch.pipeline().addLast("ssmiSession",
                                new SsmiSessionHandler(settings, listener, SsmiClient.this::loggedIn));
                    }
                });
    }

    /**
     * Connects in the background and keeps reconnecting until {@link #close()}.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() {
        if (closed) {
            throw new IllegalStateException("SSMI client for " + settings.endpoint() + " is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("SSMI client for " + settings.endpoint() + " is already started");
        }
        loop.execute(this::connect);
    }

    /**
     * Writes a command to TruTeq.
     *
     * @return completes once the line is written to the socket. Already failed when returned: with
     *         {@link IllegalStateException} when not logged in, with {@link IllegalArgumentException} for a command
     *         only the server sends. Fails later with {@link IllegalArgumentException} for a command that cannot be
     *         formatted (see {@link SsmiCodec#format}), or with the I/O error if the write fails.
     */
    public CompletableFuture<Void> send(SsmiCommand command) {
        Objects.requireNonNull(command, "command");
        if (!(command instanceof SsmiCommand.FromClient)) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("only TruTeq sends " + command + "; the client cannot"));
        }
        Channel ch = loggedInChannel;
        if (ch == null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("not logged in to " + settings.endpoint() + "; cannot send " + command));
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        ch.writeAndFlush(command).addListener(f -> {
            if (f.isSuccess()) {
                written.complete(null);
            } else if (f.cause() instanceof EncoderException e && e.getCause() instanceof IllegalArgumentException) {
                written.completeExceptionally(e.getCause());
            } else {
                written.completeExceptionally(f.cause());
            }
        });
        return written;
    }

    public boolean isLoggedIn() {
        return loggedInChannel != null;
    }

    /**
     * Logs out ({@code SSMI,99}) if logged in, closes the connection, stops reconnecting and shuts the I/O thread
     * down. Waits up to 5 s for the logout to be written, unless called from a listener. Idempotent.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        CompletableFuture<Void> disconnected = new CompletableFuture<>();
        if (loop.inEventLoop()) {
            // Called from a listener: waiting here would block the very thread that has to do the work.
            disconnect(disconnected);
            group.shutdownGracefully(0, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        loop.execute(() -> disconnect(disconnected));
        try {
            disconnected.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Connection to {} did not close within {}; shutting down anyway", settings.endpoint(),
                    Durations.describe(CLOSE_TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot happen: the future is only ever completed normally", e);
        }
        group.shutdownGracefully(0, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).syncUninterruptibly();
        log.info("SSMI client for {} closed", settings.endpoint());
    }

    private void connect() {
        pendingReconnect = null;
        if (closed) {
            return;
        }
        log.info("Connecting to {}", settings.endpoint());
        ChannelFuture connecting = bootstrap.connect();
        channel = connecting.channel();
        connecting.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                f.channel().closeFuture().addListener(closeFuture -> connectionClosed(f.channel()));
            } else {
                reconnectLater("Could not connect to " + settings.endpoint() + " (" + f.cause() + ")");
            }
        });
    }

    /** Called by the session handler on the event loop. */
    private void loggedIn(Channel ch) {
        loggedInChannel = ch;
        backoff.reset();
    }

    private void connectionClosed(Channel ch) {
        if (loggedInChannel == ch) {
            loggedInChannel = null;
        }
        if (channel == ch) {
            channel = null;
        }
        reconnectLater("Connection to " + settings.endpoint() + " closed");
    }

    private void reconnectLater(String what) {
        if (closed) {
            log.info("{}; client closed, not reconnecting", what);
            return;
        }
        Duration delay = backoff.next();
        log.warn("{}; reconnecting in {}", what, Durations.describe(delay));
        pendingReconnect = loop.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** On the event loop: stop reconnecting, log out if logged in, close. */
    private void disconnect(CompletableFuture<Void> disconnected) {
        if (pendingReconnect != null) {
            pendingReconnect.cancel(false);
        }
        Channel ch = channel;
        if (ch == null) {
            disconnected.complete(null);
            return;
        }
        ch.closeFuture().addListener(f -> disconnected.complete(null));
        if (ch == loggedInChannel) {
            log.info("Logging out of {}", settings.endpoint());
            ch.writeAndFlush(new Logout()).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }
}
