import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.richmond.ussd.ssmi.AckType;
import io.richmond.ussd.ssmi.Genfields;
import io.richmond.ussd.ssmi.NackType;
import io.richmond.ussd.ssmi.SsmiCommand;
import io.richmond.ussd.ssmi.SsmiCommand.Ack;
import io.richmond.ussd.ssmi.SsmiCommand.ExtendedUssdMessage;
import io.richmond.ussd.ssmi.SsmiCommand.LinkCheck;
import io.richmond.ussd.ssmi.SsmiCommand.Login;
import io.richmond.ussd.ssmi.SsmiCommand.Nack;
import io.richmond.ussd.ssmi.SsmiCommand.SendUssd;
import io.richmond.ussd.ssmi.SsmiDirection;
import io.richmond.ussd.ssmi.SsmiPipeline;
import io.richmond.ussd.ssmi.UssdType;

/**
 * The USSD load of bench/run.sh: plays TruTeq's SSMI server for one ussd-transport and runs USSD sessions through it
 * and whatever workers consume its inbound queue (EchoWorkers). Each session is one phone: a new session dialling
 * {@code *120#}, answers the worker must echo, and a {@code 0} the worker must answer with an END, so a session of
 * M messages sends M requests and expects M replies. A hop is one request written to one reply read.
 *
 * <p>It prints {@code LISTENING} once bound, waits for the transport's login, runs a warm-up, prints {@code READY},
 * waits for the file {@code go} (run.sh takes its CPU snapshot first), runs the measured sessions, prints
 * {@code LAST} when every session ended or gave up, waits {@code settle} seconds for late or doubled replies, and
 * prints one {@code BENCH key=value …} line.
 *
 * <p>Arguments: port username password sessions messages-per-session warm-up-sessions think-ms session-timeout-s
 * duration-s settle-s login-timeout-s go-file. Think time 0 sends each next request as soon as its reply arrives
 * (a closed loop: the rate is the chain's capacity); otherwise each phone waits 0.5 to 1.5 times it before
 * answering, and the phones start spread over one think time.
 */
public final class UssdLoad {

    private static final String DIALLED = "*120#";

    record Settings(int port, String username, String password, int sessions, int messages, int warmUpSessions,
                    long thinkMillis, long sessionTimeoutSeconds, long durationSeconds, long settleSeconds,
                    long loginTimeoutSeconds, Path goFile) {

        static Settings parse(String[] args) {
            if (args.length != 12) {
                throw new IllegalArgumentException("expected 12 arguments, got " + args.length
                        + ": port username password sessions messages warm-up think-ms session-timeout-s duration-s"
                        + " settle-s login-timeout-s go-file");
            }
            Settings settings = new Settings(Integer.parseInt(args[0]), args[1], args[2], Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Long.parseLong(args[6]),
                    Long.parseLong(args[7]), Long.parseLong(args[8]), Long.parseLong(args[9]),
                    Long.parseLong(args[10]), Path.of(args[11]));
            if (settings.messages < 2) {
                throw new IllegalArgumentException("a session needs at least 2 messages (the new session and the 0)");
            }
            if (settings.sessions < 1 || settings.sessions > 999_999 || settings.warmUpSessions > 999_999) {
                throw new IllegalArgumentException("sessions must be 1 to 999999");
            }
            return settings;
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ussd-load", true),
                NioIoHandler.newFactory());
        try {
            SsmiServer server = new SsmiServer(settings.username(), settings.password());
            Channel listening = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            SsmiPipeline.install(channel.pipeline(), SsmiPipeline.DEFAULT_CHARSET,
                                    SsmiPipeline.DEFAULT_MAX_LINE_LENGTH, SsmiDirection.CLIENT_TO_SERVER);
                            channel.pipeline().addLast(server);
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port())).sync().channel();
            System.out.println("LISTENING");
            Channel link = server.loggedIn.get(settings.loginTimeoutSeconds(), TimeUnit.SECONDS);
            log("ussd-transport logged in from " + link.remoteAddress());

            if (settings.warmUpSessions() > 0) {
                Phase warmUp = server.run(link, '1', settings.warmUpSessions(), settings);
                warmUp.finished.get(settings.durationSeconds() + 30, TimeUnit.SECONDS);
                log("warm-up: " + warmUp.summary());
            }
            System.out.println("READY");
            awaitGo(settings.goFile(), settings.loginTimeoutSeconds());

            Phase measured = server.run(link, '2', settings.sessions(), settings);
            measured.finished.get(settings.durationSeconds() + 30, TimeUnit.SECONDS);
            System.out.println("LAST");
            // Late or doubled replies would arrive now; the summary counts them.
            group.schedule(() -> { }, settings.settleSeconds(), TimeUnit.SECONDS).sync();
            String summary = group.submit(measured::summary).get();
            System.out.println("BENCH " + summary);
            listening.close().sync();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        }
    }

    /** Waits, at most the given seconds, for run.sh to create the file that starts the measured sessions. */
    private static void awaitGo(Path goFile, long seconds) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(goFile)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(goFile + " did not appear in " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    private static void log(String line) {
        System.err.println(line);
    }

    /**
     * TruTeq's side of the link: answers the login and link checks and hands each USSD reply to the phase whose
     * phones it belongs to. Shared by the connections it accepts, and used only on its one event loop.
     */
    @Sharable
    static final class SsmiServer extends SimpleChannelInboundHandler<SsmiCommand> {

        private final String username;
        private final String password;
        final CompletableFuture<Channel> loggedIn = new CompletableFuture<>();
        private final Map<Character, Phase> phases = new HashMap<>();

        SsmiServer(String username, String password) {
            super(SsmiCommand.class);
            this.username = username;
            this.password = password;
        }

        Phase run(Channel link, char phaseDigit, int sessions, Settings settings) {
            Phase phase = new Phase(link, phaseDigit, sessions, settings);
            link.eventLoop().execute(() -> {
                phases.put(phaseDigit, phase);
                phase.start();
            });
            return phase;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, SsmiCommand command) {
            if (command instanceof SendUssd reply) {
                Phase phase = reply.msisdn().length() > Phase.PREFIX_LENGTH
                        ? phases.get(reply.msisdn().charAt(Phase.PREFIX_LENGTH - 1)) : null;
                if (phase == null) {
                    log("a reply to a phone no session used: " + reply);
                } else {
                    phase.replied(reply);
                }
            } else if (command instanceof LinkCheck) {
                ctx.write(new Ack(AckType.LINK_CHECK_RESPONSE));
            } else if (command instanceof Login login) {
                if (login.username().equals(username) && login.password().equals(password)) {
                    ctx.write(new Ack(AckType.LOGIN_OK));
                    loggedIn.complete(ctx.channel());
                } else {
                    ctx.write(new Nack(NackType.INVALID_CREDENTIALS));
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            // Requests and answers written while reading one batch of lines leave in one flush.
            ctx.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            log("ussd-transport disconnected from " + ctx.channel().remoteAddress());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log("closing the link: " + cause);
            ctx.close();
        }
    }

    /**
     * One batch of concurrent sessions, each on a phone of its own ({@code 2783<phase><6 digits>}). State lives on
     * the link's event loop: replies, think-time timers and the deadline check all run there.
     */
    static final class Phase {

        static final int PREFIX_LENGTH = 5;

        private final Channel link;
        private final String prefix;
        private final int sessions;
        private final Settings settings;
        final CompletableFuture<Void> finished = new CompletableFuture<>();

        /** Messages each session has sent: {@code messages + 1} once it has its END, negative once it gave up. */
        private final int[] sent;
        /** When each session's outstanding request was written (nanoTime), 0 when none is outstanding. */
        private final long[] writtenAt;
        private final long[] startedAt;
        private final long[] hops;
        private int hopCount;
        private int ended;
        private int gaveUp;
        private long requests;
        private long unexpected;
        private long wrong;
        private long firstWrite;
        private long lastReply;
        private long deadline;
        private ScheduledFuture<?> deadlineCheck;

        Phase(Channel link, char phaseDigit, int sessions, Settings settings) {
            this.link = link;
            this.prefix = "2783" + phaseDigit;
            this.sessions = sessions;
            this.settings = settings;
            this.sent = new int[sessions];
            this.writtenAt = new long[sessions];
            this.startedAt = new long[sessions];
            this.hops = new long[sessions * settings.messages()];
        }

        void start() {
            long now = System.nanoTime();
            firstWrite = now;
            deadline = now + TimeUnit.SECONDS.toNanos(settings.durationSeconds());
            long think = settings.thinkMillis();
            for (int session = 0; session < sessions; session++) {
                if (think == 0) {
                    send(session);
                } else {
                    int s = session;
                    link.eventLoop().schedule(() -> sendAndFlush(s), think * 1000 * session / sessions,
                            TimeUnit.MICROSECONDS);
                }
            }
            link.flush();
            deadlineCheck = link.eventLoop().scheduleAtFixedRate(this::giveUpLateSessions, 100, 100,
                    TimeUnit.MILLISECONDS);
        }

        void replied(SendUssd reply) {
            long now = System.nanoTime();
            int session = session(reply.msisdn());
            if (session < 0 || sent[session] <= 0 || sent[session] > settings.messages() || writtenAt[session] == 0) {
                // A second reply to one request, or one to a session that had ended or given up.
                unexpected++;
                return;
            }
            hops[hopCount++] = now - writtenAt[session];
            writtenAt[session] = 0;
            lastReply = now;
            int answered = sent[session];
            boolean last = answered == settings.messages();
            if (!expected(reply, answered, session)) {
                wrong++;
            }
            if (reply.type() == UssdType.END || last) {
                sent[session] = settings.messages() + 1;
                ended++;
                finishIfDone();
            } else if (settings.thinkMillis() == 0) {
                send(session);
            } else {
                long think = settings.thinkMillis() * 1000;
                link.eventLoop().schedule(() -> sendAndFlush(session),
                        ThreadLocalRandom.current().nextLong(think / 2, think * 3 / 2 + 1), TimeUnit.MICROSECONDS);
            }
        }

        /** The reply to the {@code answered}-th message: the greeting, the echo, or the END after the 0. */
        private boolean expected(SendUssd reply, int answered, int session) {
            if (answered == settings.messages()) {
                return reply.type() == UssdType.END;
            }
            return reply.type() == UssdType.EXISTING && (answered == 1 || reply.message().equals(text(session,
                    answered - 1)));
        }

        private void sendAndFlush(int session) {
            if (sent[session] >= 0 && sent[session] < settings.messages()) {
                send(session);
                link.flush();
            }
        }

        private void send(int session) {
            int index = sent[session];
            String msisdn = prefix + String.format(Locale.ROOT, "%06d", session);
            UssdType type;
            String message;
            if (index == 0) {
                type = UssdType.NEW;
                message = DIALLED;
                startedAt[session] = System.nanoTime();
            } else {
                type = UssdType.EXISTING;
                message = index == settings.messages() - 1 ? "0" : text(session, index);
            }
            Genfields genfields = new Genfields("", "", "", prefix + session, "");
            link.write(new ExtendedUssdMessage(msisdn, type, "0", genfields, message));
            writtenAt[session] = System.nanoTime();
            sent[session] = index + 1;
            requests++;
        }

        private static String text(int session, int index) {
            return "answer " + index + " of phone " + session;
        }

        private int session(String msisdn) {
            if (!msisdn.startsWith(prefix)) {
                return -1;
            }
            try {
                int session = Integer.parseInt(msisdn.substring(prefix.length()));
                return session < sessions ? session : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /** Ends sessions past their own deadline, or all of them past the phase's. */
        private void giveUpLateSessions() {
            long now = System.nanoTime();
            long sessionTimeout = TimeUnit.SECONDS.toNanos(settings.sessionTimeoutSeconds());
            for (int session = 0; session < sessions; session++) {
                boolean open = sent[session] >= 0 && sent[session] <= settings.messages();
                boolean late = now > deadline || startedAt[session] != 0 && now - startedAt[session] > sessionTimeout;
                if (open && late) {
                    sent[session] = -1 - sent[session];
                    gaveUp++;
                }
            }
            finishIfDone();
        }

        private void finishIfDone() {
            if (ended + gaveUp == sessions) {
                deadlineCheck.cancel(false);
                finished.complete(null);
            }
        }

        /** key=value fields for run.sh; call on the event loop. */
        String summary() {
            long[] sorted = Arrays.copyOf(hops, hopCount);
            Arrays.sort(sorted);
            double seconds = Math.max(lastReply - firstWrite, 1) / 1e9;
            return String.format(Locale.ROOT, "sessions=%d ended=%d gave_up=%d requests=%d replies=%d missing=%d"
                            + " unexpected=%d wrong=%d seconds=%.3f msg_per_s=%.0f p50_ms=%.1f p99_ms=%.1f"
                            + " max_ms=%.1f",
                    sessions, ended, gaveUp, requests, hopCount, requests - hopCount, unexpected, wrong, seconds,
                    hopCount / seconds, percentile(sorted, 50), percentile(sorted, 99),
                    percentile(sorted, 100));
        }

        private static double percentile(long[] sorted, int percent) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
            return sorted[Math.max(rank, 1) - 1] / 1e6;
        }
    }
}
