package io.richmond.sdk.rpc;

import java.time.Duration;

/** No response came back in time; a late one is dropped by the client. */
public class RpcTimeoutException extends RuntimeException {

    private final String uuid;
    private final String routingKey;

    public RpcTimeoutException(String uuid, String routingKey, Duration timeout) {
        super("no response to request " + uuid + " sent to '" + routingKey + "' within " + timeout
                + " (is a worker consuming '" + routingKey + "'?)");
        this.uuid = uuid;
        this.routingKey = routingKey;
    }

    public String uuid() {
        return uuid;
    }

    public String routingKey() {
        return routingKey;
    }
}
