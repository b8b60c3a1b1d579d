package io.richmond.api.sms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import io.richmond.api.ApiProperties;
import io.richmond.api.web.ApiException;
import io.richmond.api.web.ApiParams;

/** Reads and checks the parameters of {@code send.json} and {@code template_send.json}. */
@Component
class SendRequests {

    private static final String TEMPLATE_PREFIX = "template_";

    /**
     * SMS are plain text: HTML escaping would send "&amp;" to phones. A template is the caller's text, so it may
     * name only the given values: jmustache's default collector would follow {@code {{name.class}}} into the
     * value's methods by reflection, and its default loader fails partials with a server error.
     */
    private final Mustache.Compiler mustache = Mustache.compiler().escapeHTML(false)
            .withCollector(new BasicCollector() {
                @Override
                public <K, V> Map<K, V> createFetcherCache() {
                    return new ConcurrentHashMap<>();
                }
            })
            .withLoader(name -> {
                throw new MustacheException("partials such as {{>" + name + "}} are not supported");
            });
    private final int maxSegments;
    private final int maxRecipients;

    SendRequests(ApiProperties properties) {
        this.maxSegments = properties.maxSegments();
        this.maxRecipients = properties.maxRecipients();
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
     * {@code {{name}}}.
     */
    List<SmsDraft> templateSend(ApiParams params) {
        List<String> recipients = recipients(params);
        String from = sender(params);
        Template template;
        try {
            template = mustache.compile(params.required("template"));
        } catch (MustacheException e) {
            throw ApiException.badRequest("template", "the template is not valid Mustache: " + e.getMessage());
        }
        Map<String, List<String>> variables = new LinkedHashMap<>();
        params.asMap().forEach((name, values) -> {
            if (name.startsWith(TEMPLATE_PREFIX) && name.length() > TEMPLATE_PREFIX.length()) {
                variables.put(name.substring(TEMPLATE_PREFIX.length()), values);
            }
        });
        for (Map.Entry<String, List<String>> variable : variables.entrySet()) {
            if (variable.getValue().size() != recipients.size()) {
                throw ApiException.badRequest(TEMPLATE_PREFIX + variable.getKey(),
                        "Number of to_msisdns and template variables do not match");
            }
        }
        List<SmsDraft> drafts = new ArrayList<>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            Map<String, String> context = new LinkedHashMap<>();
            int index = i;
            variables.forEach((name, values) -> context.put(name, values.get(index)));
            String message;
            try {
                message = template.execute(context);
            } catch (MustacheException e) {
                throw ApiException.badRequest("template", "cannot fill the template for to_msisdn " + recipients.get(i)
                        + ": " + e.getMessage() + " (give each {{name}} as template_name)");
            }
            if (message.isBlank()) {
                throw ApiException.badRequest("template", "the template gives an empty message for to_msisdn "
                        + recipients.get(i));
            }
            drafts.add(new SmsDraft(recipients.get(i), from, message, checkLength("template", message)));
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
        if (!Msisdns.isValid(from)) {
            throw ApiException.badRequest("from_msisdn", Msisdns.problem(from));
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
