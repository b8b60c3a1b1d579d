package io.richmond.simulators.truteq;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A gateway's end of an SSMI connection for tests: a plain socket that writes lines with a CR and records the
 * CR-terminated lines it reads, decoded as ISO-8859-1 as on the wire.
 */
final class SsmiTestClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile boolean closedByServer;

    SsmiTestClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        Thread reader = new Thread(() -> read(in), "ssmi-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** A client that has logged in with the fake's default account. */
    static SsmiTestClient loggedIn(int port) throws IOException {
        SsmiTestClient client = new SsmiTestClient(port);
        client.send("SSMI,1,username,password");
        client.awaitLine("SSMI,101,1");
        return client;
    }

    void send(String line) throws IOException {
        sendRaw(line + "\r");
    }

    void sendRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    List<String> received() {
        return List.copyOf(received);
    }

    /** Waits for {@code line} among all lines received so far. */
    void awaitLine(String line) {
        await().atMost(Duration.ofSeconds(5)).until(() -> received.contains(line));
    }

    /** Waits for the {@code n}th line (counting from 1) and returns it. */
    String awaitLineNumber(int n) {
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= n);
        return received.get(n - 1);
    }

    boolean closedByServer() {
        return closedByServer;
    }

    private void read(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\r') {
                    received.add(line.toString(StandardCharsets.ISO_8859_1));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
            closedByServer = true;
        } catch (IOException e) {
            // Closed by the test.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
