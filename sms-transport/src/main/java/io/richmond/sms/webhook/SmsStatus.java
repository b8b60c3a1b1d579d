package io.richmond.sms.webhook;

import java.util.Locale;

import io.richmond.sdk.message.Event.DeliveryStatus;

/**
 * Richmond's normalized SMS status, so that only this transport needs the providers' status tables. Written in
 * lower case in {@code transport_metadata.status}.
 */
public enum SmsStatus {
    /** On its way: with the provider, a gateway or the network. */
    SUBMITTED(DeliveryStatus.PENDING),
    /** On the handset. */
    DELIVERED(DeliveryStatus.DELIVERED),
    /** Delivery was tried and failed, or was cancelled. */
    FAILED(DeliveryStatus.FAILED),
    /** Not delivered before its validity ran out. */
    EXPIRED(DeliveryStatus.FAILED),
    /** Refused before delivery was tried: content, routing, credit or limits. */
    REJECTED(DeliveryStatus.FAILED);

    private final DeliveryStatus deliveryStatus;

    SmsStatus(DeliveryStatus deliveryStatus) {
        this.deliveryStatus = deliveryStatus;
    }

    /** Vumi's coarser status for the same state. */
    public DeliveryStatus deliveryStatus() {
        return deliveryStatus;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
