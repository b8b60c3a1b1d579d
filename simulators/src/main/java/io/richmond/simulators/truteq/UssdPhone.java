package io.richmond.simulators.truteq;

import io.richmond.simulators.Terminal;
import io.richmond.simulators.Texts;
import io.richmond.simulators.truteq.ClientCommand.SendUssd;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The phones on the fake TruTeq network, played from the console: dialling a code starts a session, which goes on
 * as long as the gateway answers with menus; the gateway's final message, a hang-up or a network time-out end it.
 * Several sessions may be open, one per phone number; the console works on the current one.
 *
 * <p>Methods that the console calls throw {@link IllegalArgumentException} for malformed input and
 * {@link IllegalStateException} when there is nothing to act on; the message says what to do instead.
 */
public final class UssdPhone {

    public static final String DEFAULT_MSISDN = "27820000001";

    private static final Pattern USSD_CODE = Pattern.compile("[*#]*\\d[*#\\d]*");
    private static final Pattern MSISDN = Pattern.compile("[1-9]\\d{6,14}");
    private static final String INDENT = "    ";

    private final TruteqLinks links;
    private final Terminal terminal;
    private final NavigableMap<Integer, UssdSession> sessions = new TreeMap<>();
    private UssdSession current;
    private int lastNumber;
    private long lastSessionId;
    /** Read by the console's prompt, which must not wait for this object's lock. */
    private volatile String currentLabel = "";

    UssdPhone(TruteqLinks links, Terminal terminal) {
        this.links = links;
        this.terminal = terminal;
    }

    /** The current session as {@code 1 *120#}, or {@code ""}. */
    public String currentLabel() {
        return currentLabel;
    }

    /** {@code msisdn} dials {@code code}; the new session becomes the current one. */
    public synchronized void dial(String code, String msisdn) {
        if (!USSD_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("'" + code + "' is not a USSD code: use digits, * and #, e.g. *120#");
        }
        if (!MSISDN.matcher(msisdn).matches()) {
            throw new IllegalArgumentException("'" + msisdn + "' is not a phone number: use the international form"
                    + " without +, e.g. " + DEFAULT_MSISDN);
        }
        Optional<UssdSession> open = sessionOf(msisdn);
        if (open.isPresent()) {
            throw new IllegalStateException(msisdn + " is already in " + open.get().describe()
                    + ": hang up first, or dial from another number");
        }
        UssdSession session = new UssdSession(++lastNumber, msisdn, code, String.valueOf(++lastSessionId));
        sendOrFail(ServerLines.ussd(msisdn, UssdType.NEW, session.sessionId(), code));
        sessions.put(session.number(), session);
        makeCurrent(session);
        terminal.println("[" + session.describe() + "] dialled, TruTeq session id " + session.sessionId());
    }

    /** The user types {@code text} in the current session. */
    public synchronized void answer(String text) {
        if (text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an answer cannot contain a carriage return: it ends an SSMI line");
        }
        UssdSession session = current();
        sendOrFail(ServerLines.ussd(session.msisdn(), UssdType.CONTINUE, session.sessionId(), text));
    }

    /** The user ends the current session. */
    public synchronized void hangUp() {
        UssdSession session = current();
        sendOrFail(ServerLines.ussd(session.msisdn(), UssdType.END, session.sessionId(), ""));
        end(session);
        terminal.println("[" + session.describe() + "] hung up");
    }

    /** The network gives up waiting for the user in the current session. */
    public synchronized void timeOut() {
        UssdSession session = current();
        sendOrFail(ServerLines.ussd(session.msisdn(), UssdType.TIMEOUT, session.sessionId(), ""));
        end(session);
        terminal.println("[" + session.describe() + "] timed out");
    }

    /** Prints the open sessions, the current one marked. */
    public synchronized void listSessions() {
        if (sessions.isEmpty()) {
            terminal.println("no open sessions: dial <code> [msisdn] starts one");
            return;
        }
        sessions.values().forEach(session -> terminal.println((session == current ? "* " : "  ")
                + session.describe()));
    }

    public synchronized void switchTo(int number) {
        UssdSession session = sessions.get(number);
        if (session == null) {
            throw new IllegalArgumentException("there is no open session " + number + ": 'sessions' lists them");
        }
        makeCurrent(session);
        terminal.println("now in " + session.describe());
    }

    /** What the gateway sent a phone. */
    synchronized void received(SendUssd message) {
        Optional<UssdSession> open = sessionOf(message.msisdn());
        switch (message.type()) {
            case CONTINUE -> show(open, message, "menu, waiting for an answer");
            case END -> {
                show(open, message, "final message, session over");
                open.ifPresent(this::end);
            }
            case NEW, PUSH -> {
                UssdSession session = open.orElseGet(() -> {
                    UssdSession pushed = new UssdSession(++lastNumber, message.msisdn(), "",
                            String.valueOf(++lastSessionId));
                    sessions.put(pushed.number(), pushed);
                    if (current == null) {
                        makeCurrent(pushed);
                    }
                    return pushed;
                });
                show(Optional.of(session), message, "pushed by the gateway, waiting for an answer");
            }
            default -> show(open, message, "type " + message.type().code() + " (" + message.type()
                    + "), which TruTeq does not take from a gateway; ignored");
        }
    }

    private void show(Optional<UssdSession> session, SendUssd message, String what) {
        String heading = session.map(open -> "[" + open.describe() + "] " + what)
                .orElse("[" + message.msisdn() + ", no open session] " + what);
        terminal.println(heading + ":" + Arrays.stream(message.text().split("\n", -1)).map(Texts::printable)
                .map(line -> "\n" + INDENT + line).collect(Collectors.joining()));
    }

    private void sendOrFail(String line) {
        if (!links.send(line)) {
            throw new IllegalStateException("no gateway is logged in to the fake TruTeq: start ussd-transport"
                    + " (or wait for it to log in) and try again");
        }
    }

    private UssdSession current() {
        if (current == null) {
            throw new IllegalStateException(sessions.isEmpty() ? "no open session: dial <code> [msisdn] first"
                    : "no current session: switch <n> picks one of 'sessions'");
        }
        return current;
    }

    private Optional<UssdSession> sessionOf(String msisdn) {
        return sessions.values().stream().filter(session -> session.msisdn().equals(msisdn)).findFirst();
    }

    /** Forgets {@code session}; if it was current, the most recent other one becomes current. */
    private void end(UssdSession session) {
        sessions.remove(session.number());
        if (session == current) {
            makeCurrent(sessions.isEmpty() ? null : sessions.lastEntry().getValue());
        }
    }

    private void makeCurrent(UssdSession session) {
        current = session;
        currentLabel = session == null ? "" : session.number() + (session.code().isEmpty() ? "" : " " + session.code());
    }
}
