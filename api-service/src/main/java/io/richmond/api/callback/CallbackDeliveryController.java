package io.richmond.api.callback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.core.MessageProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.richmond.api.account.AccountPrincipal;
import io.richmond.api.bus.BusNames;
import io.richmond.api.web.ApiException;
import io.richmond.sdk.amqp.ConfirmingPublisher;
import io.richmond.sdk.amqp.RawPublisher;
import io.richmond.sdk.boot.RichmondAmqpProperties;

/**
 * What became of the account's callbacks: every attempt per URL, and redelivery of one that gave up. A redelivery
 * is the dead delivery's one-URL job published to {@code callbacks.jobs} again, so its delivery id stays the same
 * and the dispatcher needs no second way in.
 */
@RestController
@RequestMapping("/api/v1/account/callbacks")
class CallbackDeliveryController {

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final CallbackUrlRepository callbacks;
    private final CallbackDeliveries deliveries;
    private final RawPublisher publisher;
    private final BusNames names;

    CallbackDeliveryController(CallbackUrlRepository callbacks, CallbackDeliveries deliveries,
            ConfirmingPublisher confirmingPublisher, RichmondAmqpProperties amqp, BusNames names) {
        this.callbacks = callbacks;
        this.deliveries = deliveries;
        this.publisher = new RawPublisher(confirmingPublisher, amqp.exchange());
        this.names = names;
    }

    /** The newest 100 attempts for the URL, newest first; another account's URL answers 404. */
    @GetMapping("/{id}/deliveries.json")
    List<DeliveryView> attempts(@PathVariable String id, @AuthenticationPrincipal AccountPrincipal caller) {
        if (!id.matches("[0-9]{1,18}")
                || callbacks.findByIdAndAccountId(Long.parseLong(id), caller.accountId()).isEmpty()) {
            throw ApiException.notFound("no callback " + id);
        }
        return deliveries.attempts(caller.accountId(), Long.parseLong(id));
    }

    /** 404 unless the delivery is the account's, dead and not yet redelivered. */
    @PostMapping("/deliveries/{deliveryId}/redeliver.json")
    Map<String, String> redeliver(@PathVariable String deliveryId,
            @AuthenticationPrincipal AccountPrincipal caller) {
        String job = deliveries.deadJob(caller.accountId(), deliveryId)
                .orElseThrow(() -> ApiException.notFound("no dead delivery " + deliveryId + " to redeliver"));
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setMessageId(deliveryId);
        try {
            publisher.publish(names.callbackJobs(), job.getBytes(StandardCharsets.UTF_8), properties)
                    .get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, null,
                    "the message broker did not take the redelivery (" + e + "); try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, null, "interrupted; try again");
        }
        deliveries.markRedelivered(deliveryId, Instant.now());
        return Map.of("delivery_id", deliveryId, "status", "redelivering");
    }
}
