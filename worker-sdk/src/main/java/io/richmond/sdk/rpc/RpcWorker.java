package io.richmond.sdk.rpc;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Answers requests: the returned JSON is published as the response, with the request's UUID. Throwing answers with
 * the exception in the response's headers instead ({@link RpcHeaders}). Called from several threads at once.
 */
@FunctionalInterface
public interface RpcWorker {

    /**
     * @param request the request body
     * @param headers the request's AMQP headers, strings as {@code String}s ({@link RpcHeaders#UUID} among them)
     */
    JsonNode handle(JsonNode request, Map<String, Object> headers) throws Exception;
}
