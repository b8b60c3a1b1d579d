package io.richmond.api.sms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import io.richmond.api.ApiProperties;
import io.richmond.api.web.ApiException;
import io.richmond.api.web.ApiParams;
import io.richmond.sdk.message.SmsEncoding;

/** Reads and checks the parameters of {@code send.json} and {@code template_send.json}. */
@Component
class SendRequests {

    private static final String TEMPLATE_PREFIX = "template_";

    private final MessageTemplates templates;
    private final int maxSegments;
    private final int maxRecipients;
    /** No text longer than this fits in maxSegments segments, in either encoding. */
    private final int longestMessage;

    SendRequests(MessageTemplates templates, ApiProperties properties) {
        this.templates = templates;
        this.maxSegments = properties.maxSegments();
        this.maxRecipients = properties.maxRecipients();
        this.longestMessage = SmsEncoding.longestText(maxSegments);
    }

    /** {@code to_msisdn} (one or more), {@code from_msisdn}, {@code message}: the same text to everyone. */
    List<SmsDraft> send(ApiParams params) {
        List<String> recipients = recipients(params);
        String from = sender(params);
        String message = params.required("message");
        SmsEncoding encoding = checkLength("message", message);
        return recipients.stream().map(to -> new SmsDraft(to, from, message, encoding)).toList();
    }

    /**
     * {@code template} rendered once per recipient with the i-th value of every {@code template_<name>} as
     * {@code {{name}}}. A value longer than the longest message is refused whether the template uses it or not: it
     * cannot reach a phone whole, and refusing it before any rendering names the field at fault.
     */
    List<SmsDraft> templateSend(ApiParams params) {
        List<String> recipients = recipients(params);
        String from = sender(params);
        Template template = templates.compile(params.required("template"));
        Map<String, List<String>> variables = new LinkedHashMap<>();
        params.asMap().forEach((name, values) -> {
            if (name.startsWith(TEMPLATE_PREFIX) && name.length() > TEMPLATE_PREFIX.length()) {
                variables.put(name.substring(TEMPLATE_PREFIX.length()), values);
            }
        });
        for (Map.Entry<String, List<String>> variable : variables.entrySet()) {
            String field = TEMPLATE_PREFIX + variable.getKey();
            if (variable.getValue().size() != recipients.size()) {
                throw ApiException.badRequest(field, "Number of to_msisdns and template variables do not match");
            }
            for (String value : variable.getValue()) {
                if (value.length() > longestMessage) {
                    throw ApiException.badRequest(field, "a value of " + field + " is " + value.length()
                            + " characters; no message of at most " + maxSegments + " segments holds more than "
                            + longestMessage);
                }
            }
        }
        List<SmsDraft> drafts = new ArrayList<>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            Map<String, String> context = new LinkedHashMap<>();
            int index = i;
            variables.forEach((name, values) -> context.put(name, values.get(index)));
            String to = recipients.get(i);
            String message;
            try {
                message = templates.fill(template, context, longestMessage).orElseThrow(() ->
                        ApiException.badRequest("template", "the template gives more than " + longestMessage
                                + " characters for to_msisdn " + to + ": no message of at most " + maxSegments
                                + " segments holds that many"));
            } catch (MustacheException e) {
                throw ApiException.badRequest("template", "cannot fill the template for to_msisdn " + to + ": "
                        + e.getMessage() + " (give each {{name}} as template_name)");
            }
            if (message.isBlank()) {
                throw ApiException.badRequest("template", "the template gives an empty message for to_msisdn " + to);
            }
            drafts.add(new SmsDraft(to, from, message, checkLength("template", message)));
        }
        return drafts;
    }

    private List<String> recipients(ApiParams params) {
        List<String> recipients = params.all("to_msisdn");
        if (recipients.isEmpty()) {
            throw ApiException.badRequest("to_msisdn", "to_msisdn is required, once per recipient");
        }
        if (recipients.size() > maxRecipients) {
            throw ApiException.badRequest("to_msisdn", recipients.size() + " recipients, at most " + maxRecipients
                    + " are allowed per request");
        }
        for (String to : recipients) {
            if (!Msisdns.isValid(to)) {
                throw ApiException.badRequest("to_msisdn", Msisdns.problem(to));
            }
        }
        return recipients;
    }

    private static String sender(ApiParams params) {
        String from = params.required("from_msisdn");
        if (!Senders.isValid(from)) {
            throw ApiException.badRequest("from_msisdn", Senders.problem(from));
        }
        return from;
    }

    private SmsEncoding checkLength(String field, String message) {
        SmsEncoding encoding = SmsEncoding.of(message);
        if (encoding.segments() > maxSegments) {
            throw ApiException.badRequest(field, "the message takes " + encoding.segments() + " " + encoding.encoding()
                    + " segments, at most " + maxSegments + " are allowed");
        }
        return encoding;
    }
}
