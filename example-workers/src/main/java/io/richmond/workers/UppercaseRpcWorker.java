package io.richmond.workers;

import java.util.Locale;
import java.util.Map;

import io.richmond.sdk.rpc.RpcWorker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code {"text": "hello", ...}} with the same object, its text upper-cased. A request without a text field
 * is answered with the exception instead.
 */
public class UppercaseRpcWorker implements RpcWorker {

    @Override
    public JsonNode handle(JsonNode request, Map<String, Object> headers) {
        JsonNode text = request.get("text");
        if (!(request instanceof ObjectNode object) || text == null || !text.isString()) {
            throw new IllegalArgumentException("expected a JSON object with a text field, got " + request);
        }
        return object.deepCopy().put("text", text.stringValue().toUpperCase(Locale.ROOT));
    }
}
