package io.richmond.sms.clickatell;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import io.richmond.sdk.message.UserMessage;
import io.richmond.sms.outbound.SendOutcome;
import io.richmond.sms.outbound.SmsSender;

/**
 * Sends with {@code sendmsg} of Clickatell's HTTP API, with Richmond's parameters (protocols.md §2.1): a callback
 * for every status, a delivery acknowledgement, and the message id as {@code cliMsgId} so that receipts name the
 * message. An {@code ERR:} answer is final, except a session that expired ({@code 003}): then the sender logs in
 * again and sends once more.
 */
final class ClickatellSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(ClickatellSender.class);

    /** FEAT_ALPHA + FEAT_NUMER + FEAT_DELIVACK: the route must take any sender id and acknowledge delivery. */
    private static final int FEATURES = 16 + 32 + 8192;
    private static final int FEAT_UCS2 = 8;
    private static final int FEAT_CONCAT = 16384;
    /** Ask for every status but 001 (callback=3). */
    private static final String CALLBACK_ALL = "3";

    private final RestClient http;
    private final ClickatellProperties properties;
    private final Object sessionLock = new Object();
    private String sessionId;

    ClickatellSender(RestClient http, ClickatellProperties properties) {
        this.http = http;
        this.properties = properties;
    }

    @Override
    public SendOutcome send(UserMessage message) {
        try {
            return send(message, true);
        } catch (Failure failure) {
            return failure.outcome;
        }
    }

    private SendOutcome send(UserMessage message, boolean mayLogInAgain) throws Failure {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        String session = null;
        if (properties.auth() == ClickatellProperties.AuthMode.SESSION) {
            session = session();
            params.add("session_id", session);
        } else {
            params.add("api_id", properties.apiId());
            params.add("user", properties.username());
            params.add("password", properties.password());
        }
        String to = international(message.toAddr());
        ClickatellText text = ClickatellText.of(message.content());
        int features = FEATURES;
        params.add("to", to);
        params.add("from", message.fromAddr().startsWith("+") ? message.fromAddr().substring(1) : message.fromAddr());
        params.add("text", text.text());
        params.add("callback", CALLBACK_ALL);
        params.add("deliv_ack", "1");
        if (text.unicode()) {
            params.add("unicode", "1");
            features |= FEAT_UCS2;
        }
        if (text.parts() > 1) {
            params.add("concat", String.valueOf(text.parts()));
            features |= FEAT_CONCAT;
        }
        params.add("req_feat", String.valueOf(features));
        params.add("msg_type", "SMS_TEXT");
        params.add("cliMsgId", message.messageId());

        String body = call("sendmsg", params);
        ClickatellAnswer answer = answerFor(to, ClickatellAnswer.parse(body));
        if (answer instanceof ClickatellAnswer.Success success
                && (success.keyword().equals("ID") || success.keyword().equals("OK"))) {
            return new SendOutcome.Accepted(success.value());
        }
        if (answer instanceof ClickatellAnswer.Error error) {
            if (error.sessionExpired() && session != null) {
                sessionExpired(session);
                if (mayLogInAgain) {
                    log.info("Clickatell session expired (ERR: 003) sending message {}; logging in again and"
                            + " sending it once more", message.messageId());
                    return send(message, false);
                }
                return new SendOutcome.Temporary("Clickatell session expired again right after logging in");
            }
            return new SendOutcome.Rejected(error.reason());
        }
        return new SendOutcome.Rejected("unexpected answer from Clickatell to sendmsg: " + body.strip());
    }

    /**
     * Our recipient's line of a multi-line answer: the line naming our number, else the first naming no number
     * (an {@code ERR:} line of a batch names none), else the first.
     */
    private static ClickatellAnswer answerFor(String to, List<ClickatellAnswer> answers) throws Failure {
        if (answers.isEmpty()) {
            throw new Failure(new SendOutcome.Temporary("empty answer from Clickatell to sendmsg"));
        }
        return answers.stream().filter(answer -> to.equals(recipient(answer))).findFirst()
                .or(() -> answers.stream().filter(answer -> recipient(answer) == null).findFirst())
                .orElse(answers.get(0));
    }

    private static String recipient(ClickatellAnswer answer) {
        return answer instanceof ClickatellAnswer.Success success ? success.to() : null;
    }

    private String session() throws Failure {
        synchronized (sessionLock) {
            if (sessionId == null) {
                sessionId = logIn();
            }
            return sessionId;
        }
    }

    /** Forgets the session, unless another thread has already replaced it. */
    private void sessionExpired(String expired) {
        synchronized (sessionLock) {
            if (expired.equals(sessionId)) {
                sessionId = null;
            }
        }
    }

    private String logIn() throws Failure {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        params.add("api_id", properties.apiId());
        params.add("user", properties.username());
        params.add("password", properties.password());
        String body = call("auth", params);
        List<ClickatellAnswer> answers = ClickatellAnswer.parse(body);
        if (!answers.isEmpty() && answers.get(0) instanceof ClickatellAnswer.Success ok
                && ok.keyword().equals("OK") && !ok.value().isEmpty()) {
            log.info("logged in to Clickatell at {} as {}", properties.baseUrl(), properties.username());
            return ok.value();
        }
        if (!answers.isEmpty() && answers.get(0) instanceof ClickatellAnswer.Error error) {
            log.error("Clickatell refused to log in user {} with api_id {}: {}; the message is nacked",
                    properties.username(), properties.apiId(), error.reason());
            throw new Failure(new SendOutcome.Rejected("auth: " + error.reason()));
        }
        throw new Failure(new SendOutcome.Rejected("unexpected answer from Clickatell to auth: " + body.strip()));
    }

    /** The answer's text; a failure to get a 2xx answer ends the send. */
    private String call(String command, MultiValueMap<String, String> params) throws Failure {
        String url = properties.baseUrl() + "/" + command;
        ResponseEntity<String> response;
        try {
            response = http.post().uri(url).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(params)
                    .exchange((request, answer) -> ResponseEntity.status(answer.getStatusCode())
                            .body(new String(answer.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (RestClientException e) {
            // Timeouts and refused or dropped connections: the send may succeed later.
            throw new Failure(new SendOutcome.Temporary("no answer from Clickatell " + command + " at " + url
                    + ": " + e.getMostSpecificCause()));
        }
        int status = response.getStatusCode().value();
        String body = response.getBody() == null ? "" : response.getBody();
        if (status >= 500) {
            throw new Failure(new SendOutcome.Temporary(
                    "HTTP " + status + " from Clickatell " + command + ": " + body.strip()));
        }
        if (status >= 300) {
            throw new Failure(new SendOutcome.Rejected(
                    "HTTP " + status + " from Clickatell " + command + ": " + body.strip()));
        }
        return body;
    }

    /** Clickatell wants international numbers without {@code +} or {@code 00}. */
    private static String international(String msisdn) {
        String number = msisdn.strip();
        if (number.startsWith("+")) {
            return number.substring(1);
        }
        return number.startsWith("00") ? number.substring(2) : number;
    }

    /** Ends a send early with its outcome. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SendOutcome outcome;

        Failure(SendOutcome outcome) {
            super(outcome.toString(), null, false, false);
            this.outcome = outcome;
        }
    }
}
