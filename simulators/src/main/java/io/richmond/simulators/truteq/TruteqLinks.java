package io.richmond.simulators.truteq;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The logged-in connections, of which TruTeq serves one per account: the latest login is the one USSD goes to, and
 * the one it replaces is told so with a remote logout, as TruTeq does.
 */
final class TruteqLinks {

    private Channel current;

    /** @return the connection this login replaced, if one was still open */
    synchronized Optional<Channel> loggedIn(Channel channel) {
        Channel previous = current;
        current = channel;
        if (previous == null || previous == channel || !previous.isActive()) {
            return Optional.empty();
        }
        previous.writeAndFlush(ServerLines.remoteLogout(hostOf(channel)) + "\r");
        return Optional.of(previous);
    }

    synchronized void closed(Channel channel) {
        if (current == channel) {
            current = null;
        }
    }

    /**
     * Writes {@code line} to the current connection.
     *
     * @return false when no one is logged in
     */
    synchronized boolean send(String line) {
        if (current == null) {
            return false;
        }
        current.writeAndFlush(line + "\r").addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        return true;
    }

    private static String hostOf(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress address ? address.getAddress().getHostAddress()
                : String.valueOf(channel.remoteAddress());
    }
}
