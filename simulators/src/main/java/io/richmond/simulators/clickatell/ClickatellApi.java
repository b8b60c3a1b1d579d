package io.richmond.simulators.clickatell;

import io.richmond.simulators.Durations;
import io.richmond.simulators.Terminal;
import io.richmond.simulators.Texts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The sending side of Clickatell's legacy HTTP API (protocols.md §2.1): {@code auth}, {@code ping} and
 * {@code sendmsg}. Any account is welcome, but the parameters must be there and well formed; when they are not, the
 * answer is Clickatell's {@code ERR: <code>, <text>}. Answers are the response bodies.
 */
final class ClickatellApi {

    /** International format: no {@code +}, no {@code 00}, no leading zero. */
    private static final Pattern MSISDN = Pattern.compile("[1-9]\\d{6,14}");
    /** Up to 16 digits, or up to 11 letters and digits. */
    private static final Pattern SENDER_ID = Pattern.compile("\\d{1,16}|[A-Za-z0-9]{1,11}");
    private static final Pattern UCS2_HEX = Pattern.compile("([0-9A-Fa-f]{4})+");
    /** Callback values that include the final statuses (2 final only, 3 all). */
    private static final List<String> FINAL_STATUS_CALLBACKS = List.of("2", "3");
    private static final List<String> CALLBACKS = List.of("0", "1", "2", "3");

    private final Map<String, String> apiIdsBySession = new ConcurrentHashMap<>();
    private final ClickatellReceipts receipts;
    private final Terminal terminal;
    private volatile String lastApiId = "0";

    ClickatellApi(ClickatellReceipts receipts, Terminal terminal) {
        this.receipts = receipts;
        this.terminal = terminal;
    }

    /** The account that called last, which inbound SMS are addressed to; {@code 0} until one calls. */
    String lastApiId() {
        return lastApiId;
    }

    /** {@code OK: <session_id>}: the session stands in for the credentials on later calls. */
    String auth(Map<String, String> parameters) {
        try {
            String apiId = credentials(parameters);
            String sessionId = newId();
            apiIdsBySession.put(sessionId, apiId);
            terminal.println("clickatell: user " + parameters.get("user") + " (api_id " + apiId
                    + ") logged in, session " + sessionId);
            return "OK: " + sessionId;
        } catch (ClickatellRefusal refusal) {
            return refused("auth", refusal);
        }
    }

    /** {@code OK:} for a live session. */
    String ping(Map<String, String> parameters) {
        String sessionId = parameters.get("session_id");
        if (sessionId == null || sessionId.isBlank()) {
            return ClickatellError.MISSING_SESSION_ID.answer();
        }
        return apiIdsBySession.containsKey(sessionId.strip()) ? "OK:"
                : ClickatellError.SESSION_EXPIRED.answer();
    }

    /**
     * {@code ID: <apiMsgId>}, or a line {@code ID: <apiMsgId> To: <msisdn>} per recipient when {@code to} names
     * several. Asked for final statuses ({@code callback} 2 or 3), a receipt follows each message.
     */
    String sendmsg(Map<String, String> parameters) {
        try {
            String apiId = account(parameters);
            List<String> recipients = recipients(parameters.get("to"));
            String text = text(parameters);
            String from = parameters.getOrDefault("from", "").strip();
            if (!from.isEmpty() && !SENDER_ID.matcher(from).matches()) {
                throw new ClickatellRefusal(ClickatellError.INVALID_SOURCE, "from '" + from + "'");
            }
            String callback = parameters.getOrDefault("callback", "0").strip();
            if (!CALLBACKS.contains(callback)) {
                throw new ClickatellRefusal(ClickatellError.INVALID_PARAMETERS, "callback '" + callback + "'");
            }
            boolean receipt = FINAL_STATUS_CALLBACKS.contains(callback);
            String cliMsgId = parameters.getOrDefault("cliMsgId", "").strip();

            String outcome = receipt ? "receipt in " + Durations.describe(receipts.delay())
                    : "no receipt (callback=" + callback + ")";
            List<String> lines = new ArrayList<>();
            for (String to : recipients) {
                AcceptedSms sms = new AcceptedSms(newId(), apiId, cliMsgId, from, to, text);
                terminal.println("clickatell: SMS to " + to + " '" + Texts.shortened(text) + "' -> ID "
                        + sms.apiMsgId() + ", " + outcome);
                if (receipt) {
                    receipts.deliver(sms);
                }
                lines.add(recipients.size() == 1 ? "ID: " + sms.apiMsgId() : "ID: " + sms.apiMsgId() + " To: " + to);
            }
            return String.join("\n", lines);
        } catch (ClickatellRefusal refusal) {
            return refused("sendmsg", refusal);
        }
    }

    /** The api_id of the calling account, from its session or its credentials. */
    private String account(Map<String, String> parameters) throws ClickatellRefusal {
        String sessionId = parameters.get("session_id");
        if (sessionId == null || sessionId.isBlank()) {
            return credentials(parameters);
        }
        String apiId = apiIdsBySession.get(sessionId.strip());
        if (apiId == null) {
            throw new ClickatellRefusal(ClickatellError.SESSION_EXPIRED, "session_id " + sessionId.strip());
        }
        return apiId;
    }

    private String credentials(Map<String, String> parameters) throws ClickatellRefusal {
        String apiId = parameters.get("api_id");
        if (apiId == null || apiId.isBlank()) {
            throw new ClickatellRefusal(ClickatellError.INVALID_API_ID, "no api_id");
        }
        for (String name : List.of("user", "password")) {
            if (parameters.get(name) == null || parameters.get(name).isBlank()) {
                throw new ClickatellRefusal(ClickatellError.AUTHENTICATION_FAILED, "no " + name);
            }
        }
        lastApiId = apiId.strip();
        return apiId.strip();
    }

    private static List<String> recipients(String to) throws ClickatellRefusal {
        if (to == null || to.isBlank()) {
            throw new ClickatellRefusal(ClickatellError.INVALID_DESTINATION, "no to");
        }
        List<String> recipients = new ArrayList<>();
        for (String recipient : to.split(",")) {
            String msisdn = recipient.strip();
            if (!MSISDN.matcher(msisdn).matches()) {
                throw new ClickatellRefusal(ClickatellError.INVALID_DESTINATION,
                        "to '" + msisdn + "' is not an international number without + or 00");
            }
            recipients.add(msisdn);
        }
        return recipients;
    }

    /** The text as the recipient reads it; with {@code unicode=1} it arrives as UCS-2 in hex. */
    private static String text(Map<String, String> parameters) throws ClickatellRefusal {
        String text = parameters.get("text");
        if (text == null || text.isEmpty()) {
            throw new ClickatellRefusal(ClickatellError.EMPTY_MESSAGE, "no text");
        }
        if (!"1".equals(parameters.get("unicode"))) {
            return text;
        }
        if (!UCS2_HEX.matcher(text).matches()) {
            throw new ClickatellRefusal(ClickatellError.INVALID_UNICODE, "text is not UCS-2 hex: '" + text + "'");
        }
        return new String(HexFormat.of().parseHex(text), StandardCharsets.UTF_16BE);
    }

    private String refused(String command, ClickatellRefusal refusal) {
        String answer = refusal.error().answer();
        terminal.println("clickatell: " + command + " refused (" + refusal.getMessage() + "): " + answer);
        return answer;
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
