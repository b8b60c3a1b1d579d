package io.richmond.simulators.truteq;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.richmond.simulators.Terminal;
import io.richmond.simulators.Texts;
import io.richmond.simulators.truteq.ClientCommand.LinkCheck;
import io.richmond.simulators.truteq.ClientCommand.Login;
import io.richmond.simulators.truteq.ClientCommand.Logout;
import io.richmond.simulators.truteq.ClientCommand.SendSms;
import io.richmond.simulators.truteq.ClientCommand.SendUssd;
import io.richmond.simulators.truteq.ClientCommand.Unsimulated;
import java.io.IOException;

/**
 * TruTeq's side of one connection (protocols.md §1.6): answers the login and link checks, hands USSD to the
 * {@link UssdPhone}, and answers lines it cannot read with a NACK, keeping the connection.
 */
final class TruteqLinkHandler extends SimpleChannelInboundHandler<String> {

    private final TruteqSettings settings;
    private final TruteqLinks links;
    private final UssdPhone phone;
    private final Terminal terminal;
    private boolean loggedIn;

    TruteqLinkHandler(TruteqSettings settings, TruteqLinks links, UssdPhone phone, Terminal terminal) {
        super(String.class);
        this.settings = settings;
        this.links = links;
        this.phone = phone;
        this.terminal = terminal;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        terminal.println("truteq: connection from " + ctx.channel().remoteAddress());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        ClientCommand command;
        try {
            command = ClientCommand.parse(line);
        } catch (BadSsmiLine bad) {
            String nack = ServerLines.nack(bad.nack());
            terminal.println("truteq: bad line from " + ctx.channel().remoteAddress() + " (" + bad.getMessage()
                    + "): '" + Texts.printable(line) + "'; answered " + nack);
            ctx.writeAndFlush(nack + "\r");
            return;
        }
        if (command instanceof Login login) {
            logIn(ctx, login);
        } else if (!loggedIn) {
            terminal.println("truteq: ignoring '" + Texts.printable(line) + "' from " + ctx.channel().remoteAddress()
                    + ": it has not logged in");
        } else if (command instanceof LinkCheck) {
            ctx.writeAndFlush(ServerLines.LINK_CHECK_ANSWER + "\r");
        } else if (command instanceof SendUssd ussd) {
            phone.received(ussd);
        } else if (command instanceof Logout) {
            terminal.println("truteq: " + ctx.channel().remoteAddress() + " logged out");
            ctx.close();
        } else if (command instanceof SendSms sms) {
            terminal.println("truteq: SMS to " + sms.msisdn() + " '" + Texts.printable(sms.text())
                    + "' (not delivered: Richmond's SMS go through Clickatell and Opera)");
        } else if (command instanceof Unsimulated unsimulated) {
            terminal.println("truteq: command " + unsimulated.id() + " is not simulated; ignoring '"
                    + Texts.printable(line) + "'");
        }
    }

    private void logIn(ChannelHandlerContext ctx, Login login) {
        if (!settings.accepts(login.username(), login.password())) {
            loggedIn = false;
            links.closed(ctx.channel());
            String nack = ServerLines.nack(Nack.INVALID_CREDENTIALS);
            terminal.println("truteq: refused the login of " + ctx.channel().remoteAddress() + " as '"
                    + login.username() + "': wrong username or password; answered " + nack);
            ctx.writeAndFlush(nack + "\r");
            return;
        }
        loggedIn = true;
        ctx.writeAndFlush(ServerLines.LOGIN_OK + "\r");
        terminal.println("truteq: " + ctx.channel().remoteAddress() + " logged in as " + login.username());
        links.loggedIn(ctx.channel()).ifPresent(previous -> terminal.println("truteq: sent a remote logout to "
                + previous.remoteAddress() + ": USSD goes to the new login"));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        links.closed(ctx.channel());
        terminal.println("truteq: " + ctx.channel().remoteAddress() + " disconnected");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // The decoder has already skipped the line; the next one is read as usual.
            terminal.println("truteq: dropped a line from " + ctx.channel().remoteAddress() + " that is too long ("
                    + cause.getMessage() + ")");
            return;
        }
        terminal.println("truteq: closing the connection from " + ctx.channel().remoteAddress() + ": "
                + (cause instanceof IOException ? cause.getMessage() : cause));
        ctx.close();
    }
}
