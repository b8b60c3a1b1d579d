package io.richmond.sms.opera;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import io.richmond.sdk.message.SmsEncoding;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sms.outbound.SendOutcome;
import io.richmond.sms.outbound.SmsSender;

/**
 * Sends with {@code EAPIGateway.SendSMS} (protocols.md §3.1). The answer's {@code Identifier} is the provider's
 * message id, which Opera's receipts name as {@code reference}. A fault and a 5xx may pass and are retried; any
 * other non-200 answer is final.
 * <p>
 * The call has no sender: Opera sends from what its {@code Service} and {@code Channel} are set up with, whatever
 * the message's {@code from_addr} is. A text of more parts than {@code MaxSegments} is nacked before the call,
 * since Opera would cut it short.
 */
final class OperaSender implements SmsSender {

    private final RestClient http;
    private final OperaProperties properties;
    private final Clock clock;

    OperaSender(RestClient http, OperaProperties properties, Clock clock) {
        this.http = http;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public SendOutcome send(UserMessage message) {
        int parts = SmsEncoding.of(message.content()).segments();
        if (parts > properties.maxSegments()) {
            return new SendOutcome.Rejected("the message takes " + parts + " SMS parts and Opera takes at most "
                    + properties.maxSegments() + " (richmond.sms.opera.max-segments, 1 to 9)");
        }
        ResponseEntity<byte[]> response;
        try {
            response = http.post().uri(properties.url()).contentType(MediaType.TEXT_XML).body(request(message))
                    .exchange((call, answer) -> ResponseEntity.status(answer.getStatusCode())
                            .body(answer.getBody().readAllBytes()));
        } catch (RestClientException e) {
            return new SendOutcome.Temporary("no answer from Opera at " + properties.url() + ": "
                    + e.getMostSpecificCause());
        }
        int status = response.getStatusCode().value();
        byte[] body = response.getBody() == null ? new byte[0] : response.getBody();
        if (status >= 500) {
            return new SendOutcome.Temporary("HTTP " + status + " from Opera: " + excerpt(body));
        }
        if (status != 200) {
            return new SendOutcome.Rejected("HTTP " + status + " from Opera: " + excerpt(body));
        }
        XmlRpc.Response answer;
        try {
            answer = XmlRpc.response(body);
        } catch (XmlRpc.XmlRpcException e) {
            return new SendOutcome.Rejected("unexpected answer from Opera (" + e.getMessage() + "): " + excerpt(body));
        }
        if (answer instanceof XmlRpc.Fault fault) {
            return new SendOutcome.Temporary("XML-RPC fault " + fault.code() + " from Opera: " + fault.text());
        }
        Object value = ((XmlRpc.Success) answer).value();
        if (value instanceof Map<?, ?> struct && struct.get("Identifier") != null
                && !struct.get("Identifier").toString().isBlank()) {
            return new SendOutcome.Accepted(struct.get("Identifier").toString());
        }
        return new SendOutcome.Rejected("Opera's answer has no Identifier: " + excerpt(body));
    }

    /** The struct of §3.1, in the order Opera has always been sent it. */
    byte[] request(UserMessage message) {
        String text = message.content() == null ? "" : message.content();
        LocalDateTime delivery = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("Service", properties.service());
        struct.put("Password", properties.password());
        struct.put("Channel", properties.channel());
        struct.put("Numbers", message.toAddr().startsWith("+") ? message.toAddr().substring(1) : message.toAddr());
        // Opera reads a plain string as ASCII; anything else must go as UTF-8 bytes.
        struct.put("SMSText", text.chars().allMatch(c -> c < 128) ? text
                : new XmlRpc.Binary(text.getBytes(StandardCharsets.UTF_8)));
        struct.put("Delivery", delivery);
        struct.put("Expiry", delivery.plus(properties.validity()));
        struct.put("Priority", properties.priority());
        struct.put("Receipt", properties.receipt());
        struct.put("MaxSegments", properties.maxSegments());
        return XmlRpc.call("EAPIGateway.SendSMS", List.of(struct));
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
