package io.richmond.fault;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.richmond.testsupport.system.FakeClickatell;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Richmond's users and neighbours do all day, at a modest rate from a few threads, during a scenario: the
 * API's clients send SMS, the provider takes them and posts their receipts, the provider posts inbound SMS, phones
 * run USSD sessions with the EchoWorker. Each request is retried until answered, as its real sender would (the API
 * client with the same {@code Idempotency-Key}); what was accepted is recorded for {@link Tally}.
 *
 * <p>{@link #stop()} ends new sends, posts and sessions; receipts are posted until {@link #close()}, because
 * messages accepted before the stop still reach the provider after it.
 */
final class SteadyLoad implements AutoCloseable {

    /** How a USSD session ended, from the phone's side. */
    enum UssdOutcome {
        /** The echo went round and the gateway's final message ended it. */
        COMPLETED,
        /** The link to the gateway dropped: the network ends its sessions. */
        LINK_LOST,
        /** The gateway did not answer in time: the network timed the session out and told the gateway. */
        TIMED_OUT,
        /** The gateway answered something other than the echo. */
        WRONG
    }

    record UssdSession(String msisdn, long startedNanos, UssdOutcome outcome) {
    }

    private static final Duration SMS_PACE = Duration.ofMillis(150);
    private static final Duration MO_PACE = Duration.ofMillis(300);
    private static final Duration RECEIPT_PACE = Duration.ofMillis(200);
    private static final Duration USSD_PACE = Duration.ofMillis(250);
    private static final Duration RETRY_PACE = Duration.ofMillis(250);
    private static final Duration USSD_STEP_WAIT = Duration.ofSeconds(15);
    /** A (quick) user reading a menu: sessions are open most of the time, so a fault finds some in the middle. */
    private static final Duration USSD_THINK = Duration.ofMillis(200);
    private static final int USSD_PHONES = 2;
    private static final int MAX_RECORDED_ANSWERS = 5;
    /** A new phone number for every session of the run, so that no session meets another's leftovers. */
    private static final AtomicInteger MSISDNS = new AtomicInteger();

    private final Richmond richmond;
    private final String scenario;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Long> smsAccepted = new ConcurrentHashMap<>();
    private final Map<String, Boolean> receiptsAcked = new ConcurrentHashMap<>();
    private final Map<String, Boolean> moAcked = new ConcurrentHashMap<>();
    private final List<UssdSession> ussdSessions = new CopyOnWriteArrayList<>();
    private final List<String> unexpectedAnswers = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final List<Thread> producers = new ArrayList<>();
    private final Thread receiptPoster;
    private volatile boolean producing = true;
    private volatile boolean posting = true;

    private SteadyLoad(Richmond richmond, String scenario) {
        this.richmond = richmond;
        this.scenario = scenario;
        producers.add(thread("sms", this::sendSms));
        producers.add(thread("mo", this::postInboundSms));
        for (int phone = 0; phone < USSD_PHONES; phone++) {
            producers.add(thread("ussd-" + phone, this::runUssdSessions));
        }
        receiptPoster = thread("receipts", this::postReceipts);
    }

    /** Starts the load; {@code scenario} tags everything it sends, and must be unique within the run. */
    static SteadyLoad start(Richmond richmond, String scenario) {
        SteadyLoad load = new SteadyLoad(richmond, scenario);
        load.producers.forEach(Thread::start);
        load.receiptPoster.start();
        return load;
    }

    private Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, scenario + "-" + name);
        thread.setDaemon(true);
        return thread;
    }

    /** Requests and sessions tried so far, answered or not. */
    int attempts() {
        return attempts.get();
    }

    /** Requests that got no answer, or an error, and were tried again; dials that found the link down. */
    int failedAttempts() {
        return failedAttempts.get();
    }

    /** Ends the sends, posts and sessions, and waits for those in flight to be answered or to end. */
    void stop() throws InterruptedException {
        producing = false;
        for (Thread producer : producers) {
            producer.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    @Override
    public void close() throws InterruptedException {
        producing = false;
        posting = false;
        for (Thread thread : producers) {
            thread.interrupt();
        }
        receiptPoster.interrupt();
        receiptPoster.join(TimeUnit.SECONDS.toMillis(15));
    }

    String scenario() {
        return scenario;
    }

    Map<String, Long> smsAccepted() {
        return Map.copyOf(smsAccepted);
    }

    /** The messages whose receipt the webhook acknowledged. */
    List<String> receiptsAcked() {
        return List.copyOf(receiptsAcked.keySet());
    }

    /** Client errors (4xx) a service answered: a fault is never the client's error, so each is a finding. */
    List<String> unexpectedAnswers() {
        return List.copyOf(unexpectedAnswers);
    }

    List<String> moAcked() {
        return List.copyOf(moAcked.keySet());
    }

    List<UssdSession> ussdSessions() {
        return List.copyOf(ussdSessions);
    }

    /** Whether {@code text} is one of this load's messages. */
    boolean owns(String text) {
        return text != null && text.startsWith(scenario + " ");
    }

    private void sendSms() {
        for (int n = 1; producing; n++) {
            String tag = scenario + " sms " + n;
            String form = "to_msisdn=27123456789&from_msisdn=27123456789&message=" + encode(tag);
            Optional<HttpResponse<String>> answer = untilAnswered(() -> richmond.http().post(
                    richmond.api("/api/v1/sms/clickatell/send.json"), Richmond.ACCOUNT, form,
                    "Idempotency-Key", tag.replace(' ', '-')), 200);
            if (answer.isEmpty()) {
                return;
            }
            smsAccepted.put(tag, json.readTree(answer.get().body()).get(0).get("id").asLong());
            pause(SMS_PACE);
        }
    }

    private void postInboundSms() {
        for (int n = 1; producing; n++) {
            String tag = scenario + " mo " + n;
            String form = "to=27123456789&from=27831112222&api_id=3&moMsgId="
                    + encode(tag.replace(' ', '-')) + "&text=" + encode(tag)
                    + "&timestamp=2010-05-14+12%3A37%3A55";
            if (untilAnswered(() -> richmond.http().post(richmond.webhooks("/api/v1/sms/clickatell/receive.json"),
                    Richmond.WEBHOOK, form), 200).isEmpty()) {
                return;
            }
            moAcked.put(tag, true);
            pause(MO_PACE);
        }
    }

    /**
     * As Clickatell does: a receipt for each message it took, posted until the webhook answers 2xx. The first take
     * of a message gets the receipt; a duplicate send is the same message to the provider.
     */
    private void postReceipts() {
        Set<String> receipted = new HashSet<>();
        while (posting) {
            for (FakeClickatell.Send send : richmond.clickatell().sends()) {
                String tag = send.parameters().get("text");
                String cliMsgId = send.parameters().get("cliMsgId");
                if (!owns(tag) || receipted.contains(cliMsgId)) {
                    continue;
                }
                String form = "apiMsgId=" + send.apiMsgId() + "&cliMsgId=" + cliMsgId + "&status=004&timestamp="
                        + Instant.now().getEpochSecond() + "&to=27123456789&from=27123456789&charge=0.3";
                Optional<HttpResponse<String>> answer = untilAnswered(() -> richmond.http().post(
                        richmond.webhooks("/api/v1/sms/clickatell/receipt.json"), Richmond.WEBHOOK, form), 201);
                if (answer.isEmpty()) {
                    return;
                }
                receipted.add(cliMsgId);
                receiptsAcked.put(tag, true);
            }
            pause(RECEIPT_PACE);
        }
    }

    private void runUssdSessions() {
        ScriptedTruteq truteq = richmond.truteq();
        while (producing) {
            String msisdn = "2782%07d".formatted(MSISDNS.incrementAndGet());
            long started = System.nanoTime();
            attempts.incrementAndGet();
            if (!truteq.dial(msisdn, "*120#")) {
                truteq.hungUp(msisdn);
                failedAttempts.incrementAndGet();
                pause(RETRY_PACE);
                continue;
            }
            ussdSessions.add(new UssdSession(msisdn, started, echo(truteq, msisdn)));
            pause(USSD_PACE);
        }
    }

    /** The EchoWorker's script: a greeting, the echo of an answer, and goodbye on "0". */
    private UssdOutcome echo(ScriptedTruteq truteq, String msisdn) {
        try {
            Optional<UssdOutcome> greeted = expect(truteq, msisdn, 2, null);
            if (greeted.isPresent()) {
                return greeted.get();
            }
            String answer = "echo " + msisdn;
            pause(USSD_THINK);
            if (!truteq.answer(msisdn, answer)) {
                return UssdOutcome.LINK_LOST;
            }
            Optional<UssdOutcome> echoed = expect(truteq, msisdn, 2, answer);
            if (echoed.isPresent()) {
                return echoed.get();
            }
            pause(USSD_THINK);
            if (!truteq.answer(msisdn, "0")) {
                return UssdOutcome.LINK_LOST;
            }
            return expect(truteq, msisdn, 3, null).orElse(UssdOutcome.COMPLETED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UssdOutcome.TIMED_OUT;
        } finally {
            truteq.hungUp(msisdn);
        }
    }

    /** Empty when the gateway answered as expected, else how the session ended. */
    private static Optional<UssdOutcome> expect(ScriptedTruteq truteq, String msisdn, int type, String text)
            throws InterruptedException {
        Optional<ScriptedTruteq.Heard> heard = truteq.next(msisdn, USSD_STEP_WAIT);
        if (heard.isEmpty()) {
            truteq.timeOut(msisdn);
            return Optional.of(UssdOutcome.TIMED_OUT);
        }
        if (heard.get() instanceof ScriptedTruteq.Reply reply) {
            boolean expected = reply.type() == type && (text == null || text.equals(reply.text()));
            return expected ? Optional.empty() : Optional.of(UssdOutcome.WRONG);
        }
        return Optional.of(UssdOutcome.LINK_LOST);
    }

    private interface Call {
        HttpResponse<String> call() throws Exception;
    }

    /**
     * Makes {@code call} until it is answered {@code expected}, as a client that did not get its answer tries
     * again; empty when the load is closed first.
     */
    private Optional<HttpResponse<String>> untilAnswered(Call call, int expected) {
        while (posting) {
            attempts.incrementAndGet();
            try {
                HttpResponse<String> answer = call.call();
                if (answer.statusCode() == expected) {
                    return Optional.of(answer);
                }
                if (answer.statusCode() < 500 && answer.statusCode() != 429) {
                    // Wrong (a fault is no client error), and recorded as such; tried again all the same, so that
                    // one wrong answer does not end this leg of the load.
                    if (unexpectedAnswers.size() < MAX_RECORDED_ANSWERS) {
                        unexpectedAnswers.add(answer.uri() + " answered " + answer.statusCode() + ": "
                                + answer.body());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (Exception e) {
                // No answer: the service is down or restarting; the request is tried again below.
            }
            failedAttempts.incrementAndGet();
            pause(RETRY_PACE);
        }
        return Optional.empty();
    }

    private static void pause(Duration pace) {
        try {
            Thread.sleep(pace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
