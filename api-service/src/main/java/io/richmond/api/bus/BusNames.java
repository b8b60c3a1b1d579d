package io.richmond.api.bus;

import org.springframework.stereotype.Component;

import io.richmond.api.ApiProperties;
import io.richmond.api.sms.Gateway;
import io.richmond.sdk.amqp.TransportQueues;

/**
 * The names the API uses on the bus: each gateway's transport name ({@code clickatell}, {@code opera}, after the
 * configured prefix) with its four queues, the queues of keywords and replies, and the queue of callback jobs.
 */
@Component
public class BusNames {

    private final String prefix;

    public BusNames(ApiProperties properties) {
        this.prefix = properties.busPrefix();
    }

    /** What sms-transport must be configured with for this gateway, and {@code transport_name} on the bus. */
    public String transportName(Gateway gateway) {
        return prefix + gateway.transportName();
    }

    public TransportQueues queues(Gateway gateway) {
        return new TransportQueues(transportName(gateway));
    }

    /** The routing key and queue of the inbound SMS that start with {@code keyword}, for its account's workers. */
    public String keyword(String keyword) {
        return prefix + "keyword." + keyword;
    }

    /** The routing key and queue of workers' replies to inbound SMS, which the API sends. */
    public String smsReplies() {
        return prefix + "sms.replies";
    }

    /** Replies that could not be sent, and why. */
    public String smsRepliesFailures() {
        return smsReplies() + ".failures";
    }

    /** The routing key and queue of callback jobs. */
    public String callbackJobs() {
        return prefix + "callbacks.jobs";
    }
}
