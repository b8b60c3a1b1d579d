package io.richmond.sdk.rpc;

import java.nio.charset.StandardCharsets;

import org.springframework.amqp.core.MessageProperties;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What requests and responses share: JSON bodies, and the UUID in both the header and the correlation id. */
final class RpcMessages {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RpcMessages() {
    }

    /** JSON properties carrying {@code uuid}: edeposit.amqp clients read the header, AMQP tools the correlation id. */
    static MessageProperties properties(String uuid) {
        MessageProperties properties = new MessageProperties();
        properties.setHeader(RpcHeaders.UUID, uuid);
        properties.setCorrelationId(uuid);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        return properties;
    }

    /** The body as JSON; an empty body or one that is not JSON throws {@link IllegalArgumentException}. */
    static JsonNode read(byte[] body) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new IllegalArgumentException("the body is empty, not JSON");
        }
        return tree;
    }

    static byte[] write(JsonNode body) {
        return MAPPER.writeValueAsBytes(body);
    }
}
