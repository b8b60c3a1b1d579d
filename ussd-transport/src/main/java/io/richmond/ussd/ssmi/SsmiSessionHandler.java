package io.richmond.ussd.ssmi;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.richmond.ussd.ssmi.SsmiCommand.Ack;
import io.richmond.ussd.ssmi.SsmiCommand.LinkCheck;
import io.richmond.ussd.ssmi.SsmiCommand.Login;
import io.richmond.ussd.ssmi.SsmiCommand.Nack;
import io.richmond.ussd.ssmi.SsmiCommand.RemoteLogout;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one SSMI connection (protocols.md §1.6): logs in, keeps the link checked, and hands everything
 * else to the {@link SsmiListener}. Closes the connection when the login is refused or unanswered, when link checks
 * go unanswered, and on I/O errors; reconnecting is up to {@link SsmiClient}.
 */
final class SsmiSessionHandler extends SimpleChannelInboundHandler<SsmiCommand> {

    private static final Logger log = LoggerFactory.getLogger(SsmiSessionHandler.class);

    /** As python-ssmi: at the tick that would send a third unanswered link check, give up on the connection. */
    private static final int MAX_UNANSWERED_LINK_CHECKS = 2;

    private final SsmiClientSettings settings;
    private final SsmiListener listener;
    private final Consumer<Channel> onLogin;

    private boolean loggedIn;
    private boolean loginRefused;
    private int unansweredLinkChecks;
    /** The login timeout until logged in, the link-check tick after. */
    private ScheduledFuture<?> timer;

    /** @param onLogin called on login, before the listener hears of it, so that the listener can send at once */
    SsmiSessionHandler(SsmiClientSettings settings, SsmiListener listener, Consumer<Channel> onLogin) {
        super(SsmiCommand.class);
        this.settings = settings;
        this.listener = listener;
        this.onLogin = onLogin;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        log.info("Connected to {}; logging in as {}", settings.endpoint(), settings.username());
        ctx.writeAndFlush(new Login(settings.username(), settings.password()))
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        timer = ctx.executor().schedule(() -> loginTimedOut(ctx),
                settings.linkCheckPeriod().toNanos(), TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, SsmiCommand command) {
        if (command instanceof Ack ack) {
            acknowledged(ctx, ack.type());
        } else if (command instanceof Nack nack && !loggedIn) {
            loginRefused(ctx, nack.type());
        } else {
            if (command instanceof Nack nack) {
                log.warn("{} refused a command: {} (NACK {})", settings.endpoint(), nack.type().meaning(),
                        nack.type().code());
            } else if (command instanceof RemoteLogout logout) {
                log.warn("{} sent a remote logout: this account logged in from {}; keeping the connection "
                        + "until the server closes it", settings.endpoint(), logout.ip());
            }
            try {
                listener.received(command);
            } catch (RuntimeException e) {
                log.error("SsmiListener failed on {}; carrying on", command, e);
            }
        }
    }

    private void acknowledged(ChannelHandlerContext ctx, AckType type) {
        if (type == AckType.LINK_CHECK_RESPONSE) {
            unansweredLinkChecks = 0;
        } else if (!loggedIn) {
            loggedIn = true;
            timer.cancel(false);
            log.info("Logged in to {} as {}; checking the link every {}", settings.endpoint(), settings.username(),
                    Durations.describe(settings.linkCheckPeriod()));
            onLogin.accept(ctx.channel());
            long period = settings.linkCheckPeriod().toNanos();
            timer = ctx.executor().scheduleAtFixedRate(() -> checkLink(ctx), 0, period, TimeUnit.NANOSECONDS);
            try {
                listener.loggedIn();
            } catch (RuntimeException e) {
                log.error("SsmiListener failed on loggedIn(); carrying on", e);
            }
        }
    }

    private void loginRefused(ChannelHandlerContext ctx, NackType type) {
        loginRefused = true;
        log.error("{} refused the login as {}: {} (NACK {}); closing the connection", settings.endpoint(),
                settings.username(), type.meaning(), type.code());
        closeConnection(ctx);
    }

    private void loginTimedOut(ChannelHandlerContext ctx) {
        log.warn("{} has not answered the login within {}; closing the connection", settings.endpoint(),
                Durations.describe(settings.linkCheckPeriod()));
        closeConnection(ctx);
    }

    private void checkLink(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            // Closed from outside (SsmiClient.close()); channelInactive, which stops the tick, is still queued.
            return;
        }
        if (unansweredLinkChecks >= MAX_UNANSWERED_LINK_CHECKS) {
            log.warn("{} has not answered the last {} link checks; closing the connection", settings.endpoint(),
                    unansweredLinkChecks);
            closeConnection(ctx);
            return;
        }
        unansweredLinkChecks++;
        ctx.writeAndFlush(new LinkCheck()).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        if (loggedIn || loginRefused) {
            try {
                listener.disconnected();
            } catch (RuntimeException e) {
                log.error("SsmiListener failed on disconnected(); carrying on", e);
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.warn("Connection to {} failed ({}); closing it", settings.endpoint(), cause.toString());
        } else {
            log.error("Unexpected error on the connection to {}; closing it", settings.endpoint(), cause);
        }
        closeConnection(ctx);
    }

    /** Stops the timer first so that no tick writes to the closing channel. */
    private void closeConnection(ChannelHandlerContext ctx) {
        cancelTimer();
        ctx.close();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
