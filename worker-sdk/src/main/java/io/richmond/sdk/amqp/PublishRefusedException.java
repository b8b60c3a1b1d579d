package io.richmond.sdk.amqp;

/** The broker nacked a publish: it did not take responsibility for the message. */
public class PublishRefusedException extends RuntimeException {

    public PublishRefusedException(String exchange, String routingKey, String reason) {
        super("broker refused message for '" + routingKey + "' on exchange '" + exchange + "'"
                + (reason == null ? "" : ": " + reason));
    }
}
