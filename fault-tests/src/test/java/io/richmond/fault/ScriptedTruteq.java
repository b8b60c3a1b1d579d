package io.richmond.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TruTeq's SSMI server as ussd-transport sees it (protocols.md §1), played by a script instead of a person: it
 * takes the one login, answers link checks and lets the phones of {@link #dial} talk to the gateway. A phone waits
 * for the gateway's replies on its own queue; when the link drops, every waiting phone is told, as the network ends
 * the sessions it carried.
 */
final class ScriptedTruteq implements AutoCloseable {

    /** What a phone got from the gateway: a reply, or the end of the link its session ran on. */
    sealed interface Heard permits Reply, LinkLost {
    }

    /** {@code SSMI,110,<msisdn>,<type>,<text>}: type 2 keeps the session open, 3 ends it. */
    record Reply(int type, String text) implements Heard {
    }

    record LinkLost() implements Heard {
    }

    private static final char CR = '\r';

    private final String username;
    private final String password;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Map<String, BlockingQueue<Heard>> phones = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private volatile Link link;

    ScriptedTruteq(String username, String password) throws IOException {
        this.username = username;
        this.password = password;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "scripted-truteq");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Successful logins so far: a restarted transport logs in again. */
    int logins() {
        return logins.get();
    }

    boolean linkUp() {
        return link != null;
    }

    /**
     * {@code msisdn} dials {@code code}.
     *
     * @return false when no gateway is logged in to take the session
     */
    boolean dial(String msisdn, String code) {
        phones.put(msisdn, new LinkedBlockingQueue<>());
        return send(msisdn, 1, code);
    }

    /** The user types {@code text}; false when the link is down. */
    boolean answer(String msisdn, String text) {
        return send(msisdn, 2, text);
    }

    /** The network gives up waiting for the user; false when the link is down. */
    boolean timeOut(String msisdn) {
        boolean sent = send(msisdn, 4, "");
        phones.remove(msisdn);
        return sent;
    }

    /** Waits for what the gateway does next in {@code msisdn}'s session. */
    Optional<Heard> next(String msisdn, Duration wait) throws InterruptedException {
        BlockingQueue<Heard> heard = phones.get(msisdn);
        return heard == null ? Optional.of(new LinkLost())
                : Optional.ofNullable(heard.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    void hungUp(String msisdn) {
        phones.remove(msisdn);
    }

    private boolean send(String msisdn, int type, String text) {
        Link current = link;
        return current != null && current.write("SSMI,110," + msisdn + "," + type + ",0," + text);
    }

    private void accept() {
        while (!server.isClosed()) {
            Link accepted;
            try {
                accepted = new Link(server.accept());
            } catch (IOException e) {
                // Closed: the test is over. A connection that broke while being accepted is the gateway's to redial.
                continue;
            }
            Thread reader = new Thread(accepted::serve, "scripted-truteq-link");
            reader.setDaemon(true);
            reader.start();
        }
    }

    private void linkLost(Link lost) {
        synchronized (this) {
            if (link != lost) {
                return;
            }
            link = null;
        }
        phones.values().forEach(heard -> heard.add(new LinkLost()));
        phones.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Link current = link;
        if (current != null) {
            current.close();
        }
    }

    /** One TCP connection from the gateway. */
    private final class Link {

        private final Socket socket;
        private final OutputStream out;

        Link(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        void serve() {
            try (InputStream in = socket.getInputStream()) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    if (b == CR) {
                        handle(line.toString(StandardCharsets.ISO_8859_1));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
            } catch (IOException e) {
                // The gateway went away (or was killed): the same as a clean end of stream.
            } finally {
                close();
                linkLost(this);
            }
        }

        private void handle(String line) {
            String[] fields = line.split(",", 3);
            if (fields.length < 2 || !fields[0].equals("SSMI")) {
                return;
            }
            switch (fields[1]) {
                case "1" -> login(line.split(",", 4));
                case "3" -> write("SSMI,101,2");
                case "99" -> close();
                case "110" -> reply(line.split(",", 5));
                case "120" -> reply(line.split(",", 6));
                default -> {
                }
            }
        }

        private void login(String[] fields) {
            if (fields.length == 4 && fields[2].equals(username) && fields[3].equals(password)) {
                Link previous;
                synchronized (ScriptedTruteq.this) {
                    previous = link;
                    link = this;
                }
                if (previous != null) {
                    previous.close();
                }
                write("SSMI,101,1");
                logins.incrementAndGet();
            } else {
                write("SSMI,102,1");
                close();
            }
        }

        private void reply(String[] fields) {
            if (fields.length < 5) {
                return;
            }
            BlockingQueue<Heard> heard = phones.get(fields[2]);
            if (heard != null) {
                heard.add(new Reply(Integer.parseInt(fields[3]), fields[fields.length - 1]));
            }
        }

        synchronized boolean write(String line) {
            try {
                out.write((line + CR).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is all that was wanted.
            }
        }
    }
}
