package io.richmond.local.supervisor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.stream.Collectors;

/** Ready when every port accepts a TCP connection on loopback. */
public final class PortReadiness implements Readiness {

    private static final int CONNECT_TIMEOUT_MILLIS = 300;

    private final List<Integer> ports;

    public PortReadiness(List<Integer> ports) {
        this.ports = List.copyOf(ports);
    }

    @Override
    public boolean isReady(Child child) {
        return ports.stream().allMatch(PortReadiness::accepts);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "accepted connections on 127.0.0.1 port(s) "
                + ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
