package io.richmond.sms.clickatell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import io.richmond.sdk.amqp.TransportQueues;
import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sms.SmsTransportProperties;
import io.richmond.sms.webhook.FormData;
import io.richmond.sms.webhook.WebhookException;
import io.richmond.sms.webhook.WebhookPublisher;
import io.richmond.sms.webhook.WebhookRequest;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Clickatell's callbacks: delivery receipts become {@code delivery_report} events on {@code <gw>.event}, inbound SMS
 * become user messages on {@code <gw>.inbound}. Clickatell calls with GET or a form POST.
 */
@RestController
class ClickatellWebhooks {

    static final String PATH = "/api/v1/sms/clickatell/";

    private static final Logger log = LoggerFactory.getLogger(ClickatellWebhooks.class);
    private static final Set<MediaType> FORM = Set.of(MediaType.APPLICATION_FORM_URLENCODED);

    private final TransportQueues queues;
    private final ClickatellCallbacks callbacks;
    private final WebhookPublisher publisher;
    private final long maxBodySize;

    ClickatellWebhooks(ClickatellProperties properties, SmsTransportProperties shared, WebhookPublisher publisher) {
        this.queues = new TransportQueues(properties.transportName());
        this.callbacks = new ClickatellCallbacks(properties.moTimeZone());
        this.publisher = publisher;
        this.maxBodySize = shared.webhook().maxBodySize().toBytes();
    }

    /** Answers 201 {@code Created}, as Richmond did. */
    @RequestMapping(path = PATH + "receipt.json", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> receipt(HttpServletRequest request) {
        Event event = callbacks.receipt(form(request, "apiMsgId, status, ...")).toEvent(queues.transportName());
        publisher.publish(queues.event(), List.of(event));
        log.info("Clickatell receipt for message {}: status {} ({}); published as {} on {}", event.userMessageId(),
                event.transportMetadata().get("provider_status"), event.transportMetadata().get("status"),
                event.eventId(), queues.event());
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.TEXT_PLAIN).body("Created");
    }

    /** Answers 200 with what was stored, in the shape of Richmond's ReceivedSMS. */
    @RequestMapping(path = PATH + "receive.json", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) {
        UserMessage message = callbacks.inbound(form(request, "moMsgId, from, to, text, ..."))
                .toUserMessage(queues.transportName());
        publisher.publish(queues.inbound(), List.of(message));
        log.debug("Clickatell inbound SMS {} from {} to {}: published as {} on {}",
                message.transportMetadata().get("provider_message_id"), message.fromAddr(), message.toAddr(),
                message.messageId(), queues.inbound());
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("message_id", message.messageId());
        stored.put("to_msisdn", message.toAddr());
        stored.put("from_msisdn", message.fromAddr());
        stored.put("message", message.content());
        stored.put("transport_name", queues.transportName());
        stored.put("transport_msg_id", message.transportMetadata().get("provider_message_id"));
        stored.put("received_at", message.transportMetadata().get("received_at"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(stored);
    }

    private FormData form(HttpServletRequest request, String expected) {
        WebhookRequest call = WebhookRequest.read(request, maxBodySize);
        call.requireContentType(FORM);
        FormData form = call.form();
        if (form.isEmpty()) {
            throw WebhookException.badRequest("Empty request: expected Clickatell's parameters (" + expected + ")");
        }
        return form;
    }
}
