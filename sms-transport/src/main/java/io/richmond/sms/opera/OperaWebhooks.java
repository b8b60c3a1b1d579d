package io.richmond.sms.opera;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.richmond.sdk.amqp.TransportQueues;
import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sms.SmsTransportProperties;
import io.richmond.sms.webhook.DeliveryReceipt;
import io.richmond.sms.webhook.WebhookException;
import io.richmond.sms.webhook.WebhookPublisher;
import io.richmond.sms.webhook.WebhookRequest;
import io.richmond.sms.xml.SafeXml;
import io.richmond.sms.xml.XmlElement;
import io.richmond.sms.xml.XmlParseException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Opera's callbacks: receipts become {@code delivery_report} events on {@code <gw>.event}, inbound SMS
 * ({@code bspostevent}) become user messages on {@code <gw>.inbound}. Opera posts the XML as the body (with
 * {@code text/plain}, says Richmond's eavesdropping) or url-encoded in a form field {@code XmlMsg}.
 */
@RestController
class OperaWebhooks {

    static final String PATH = "/api/v1/sms/opera/";

    private static final Logger log = LoggerFactory.getLogger(OperaWebhooks.class);
    private static final Set<MediaType> ACCEPTED = Set.of(MediaType.TEXT_PLAIN, MediaType.TEXT_XML,
            MediaType.APPLICATION_XML, MediaType.APPLICATION_FORM_URLENCODED);
    private static final MediaType XML_UTF8 = new MediaType(MediaType.TEXT_XML, StandardCharsets.UTF_8);

    private final TransportQueues queues;
    private final OperaCallbacks callbacks = new OperaCallbacks();
    private final WebhookPublisher publisher;
    private final long maxBodySize;

    OperaWebhooks(OperaProperties properties, SmsTransportProperties shared, WebhookPublisher publisher) {
        this.queues = new TransportQueues(properties.transportName());
        this.publisher = publisher;
        this.maxBodySize = shared.webhook().maxBodySize().toBytes();
    }

    /** Answers 201 with the receipts it published ({@code success}) and those it could not read ({@code fail}). */
    @PostMapping(PATH + "receipt.json")
    ResponseEntity<Map<String, Object>> receipt(HttpServletRequest request) {
        OperaCallbacks.Receipts receipts = callbacks.receipts(xml(WebhookRequest.read(request, maxBodySize)).root());
        List<Event> events = receipts.readable().stream().map(receipt -> receipt.toEvent(queues.transportName()))
                .toList();
        publisher.publish(queues.event(), events);
        events.forEach(event -> log.info("Opera receipt for {}: status {} ({}); published as {} on {}",
                event.userMessageId(), event.transportMetadata().get("provider_status"),
                event.transportMetadata().get("status"), event.eventId(), queues.event()));
        receipts.unreadable().forEach(fields -> log.warn("Opera receipt {} lacks a reference or status, or has a"
                + " bad timestamp; answered it as failed, nothing published", fields));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", receipts.readable().stream().map(DeliveryReceipt::fields).toList());
        answer.put("fail", receipts.unreadable());
        return ResponseEntity.status(HttpStatus.CREATED)
                .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8)).body(answer);
    }

    /** Answers 200 with the XML it received, which Opera may pass along its callback chain. */
    @PostMapping(PATH + "receive.xml")
    ResponseEntity<byte[]> receive(HttpServletRequest request) {
        WebhookRequest call = WebhookRequest.read(request, maxBodySize);
        Xml xml = xml(call);
        UserMessage message = callbacks.inbound(xml.root(), call.charset().name()).toUserMessage(
                queues.transportName());
        publisher.publish(queues.inbound(), List.of(message));
        log.debug("Opera inbound SMS {} from {} to {}: published as {} on {}",
                message.transportMetadata().get("provider_message_id"), message.fromAddr(), message.toAddr(),
                message.messageId(), queues.inbound());
        return ResponseEntity.ok().contentType(XML_UTF8).body(xml.text());
    }

    /** The XML of a call, from the body or its {@code XmlMsg} field, parsed. */
    private static Xml xml(WebhookRequest call) {
        call.requireContentType(ACCEPTED);
        if (call.bodyIsEmpty()) {
            throw WebhookException.badRequest("Empty body: expected Opera's XML, or XmlMsg=<url-encoded XML>");
        }
        byte[] text;
        if (call.bodyIsXml()) {
            text = call.body();
        } else {
            String field = call.form().get("XmlMsg");
            if (field == null || field.isBlank()) {
                throw WebhookException.badRequest("XmlMsg missing: expected Opera's XML as the body or in XmlMsg");
            }
            text = field.strip().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return new Xml(text, SafeXml.parse(text));
        } catch (XmlParseException e) {
            throw WebhookException.badRequest("Malformed XML: " + e.getMessage());
        }
    }

    private record Xml(byte[] text, XmlElement root) {
    }
}
