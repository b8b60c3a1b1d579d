package io.richmond.sdk.amqp;

/** The broker returned a mandatory message: no queue is bound to its routing key. */
public class UnroutableMessageException extends RuntimeException {

    public UnroutableMessageException(String exchange, String routingKey, String replyText) {
        super("no queue is bound to routing key '" + routingKey + "' on exchange '" + exchange + "' (" + replyText
                + "); declare the topology first");
    }
}
