package io.richmond.api.tracking;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One receipt in a status answer.
 *
 * @param status the normalized status this receipt reported, whether or not the SMS took it
 * @param transportMetadata everything the transport sent with it, the provider's own fields under {@code receipt}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReceiptView(String receivedAt, String deliveryStatus, String status, String providerStatus,
        String providerStatusText, String providerTimestamp, JsonNode transportMetadata) {
}
