package io.richmond.api.sms;

import org.springframework.data.domain.Sort;
import java.util.Optional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.richmond.api.account.AccountPrincipal;
import io.richmond.api.outbox.SmsOutbox;
import io.richmond.api.tracking.ReceiptHistory;
import io.richmond.api.web.ApiDates;
import io.richmond.api.web.ApiException;
import io.richmond.api.web.ApiParams;

/** Sending SMS and reading their status: the README's {@code /api/v1/sms/<gw>/} resources. */
@RestController
@RequestMapping("/api/v1/sms/{gw}")
class SmsController {

    private static final int PAGE_SIZE = 100;
    private static final Duration DEFAULT_SINCE = Duration.ofDays(30);
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final SendRequests requests;
    private final SendBatcher sends;
    private final SmsOutbox outbox;
    private final SentSmsRepository repository;
    private final ReceiptHistory receipts;

    SmsController(SendRequests requests, SendBatcher sends, SmsOutbox outbox, SentSmsRepository repository,
            ReceiptHistory receipts) {
        this.requests = requests;
        this.sends = sends;
        this.outbox = outbox;
        this.repository = repository;
        this.receipts = receipts;
    }

    @PostMapping("/send.json")
    ResponseEntity<String> send(@PathVariable String gw, ApiParams params,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @AuthenticationPrincipal AccountPrincipal caller) {
        Gateway gateway = Gateway.fromPath(gw);
        return accept(caller, gateway, SendOperation.SEND, requests.send(params), idempotencyKey);
    }

    @PostMapping("/template_send.json")
    ResponseEntity<String> templateSend(@PathVariable String gw, ApiParams params,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @AuthenticationPrincipal AccountPrincipal caller) {
        Gateway gateway = Gateway.fromPath(gw);
        return accept(caller, gateway, SendOperation.TEMPLATE_SEND, requests.templateSend(params), idempotencyKey);
    }

    @GetMapping("/status/{id}.json")
    @Transactional(readOnly = true)
    public SmsView status(@PathVariable String gw, @PathVariable String id,
            @AuthenticationPrincipal AccountPrincipal caller) {
        Gateway gateway = Gateway.fromPath(gw);
        SentSms sms = parseId(id)
                .flatMap(found -> repository.findByIdAndAccountIdAndTransportName(found, caller.accountId(),
                        gateway.transportName()))
                .orElseThrow(() -> ApiException.notFound("no SMS " + id + " sent through " + gw));
        return SmsView.of(sms, receipts.of(sms.getId()));
    }

    /** {@code ?id=1&id=2}, or {@code ?since=<date>&start=<offset>}: 100 at most, newest first. */
    @GetMapping("/status.json")
    @Transactional(readOnly = true)
    public List<SmsView> statuses(@PathVariable String gw, ApiParams params,
            @AuthenticationPrincipal AccountPrincipal caller) {
        Gateway gateway = Gateway.fromPath(gw);
        List<String> idValues = params.all("id");
        if (!idValues.isEmpty()) {
            List<Long> ids = new ArrayList<>();
            for (String value : idValues) {
                ids.add(parseId(value).orElseThrow(() -> ApiException.badRequest("id", "'" + value
                        + "' is not an SMS id: a positive whole number")));
            }
            return repository.findByIdInAndAccountIdAndTransportNameOrderByCreatedAtDescIdDesc(ids,
                    caller.accountId(), gateway.transportName()).stream().map(SmsView::of).toList();
        }
        Instant since;
        try {
            since = params.first("since").filter(value -> !value.isBlank()).map(ApiDates::parse)
                    .orElseGet(() -> Instant.now().minus(DEFAULT_SINCE));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("since", e.getMessage());
        }
        int start = params.first("start").map(SmsController::parseStart).orElse(0);
        return repository.findByAccountIdAndTransportNameAndUpdatedAtGreaterThanEqualOrderByCreatedAtDescIdDesc(
                        caller.accountId(), gateway.transportName(), since, new OffsetPage(start, PAGE_SIZE))
                .stream().map(SmsView::of).toList();
    }

    private ResponseEntity<String> accept(AccountPrincipal caller, Gateway gateway, SendOperation operation,
            List<SmsDraft> drafts, String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ApiException.badRequest("Idempotency-Key", "the Idempotency-Key header must be 1 to "
                    + MAX_IDEMPOTENCY_KEY + " characters");
        }
        SmsService.Sent sent = sends.send(new SmsService.Request(caller.accountId(), gateway, operation, drafts,
                idempotencyKey));
        if (sent.keyUsedForAnotherRequest()) {
            // As payment APIs answer: replaying another request's answer would tell the client a lie.
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key", "the Idempotency-Key '"
                    + idempotencyKey + "' already answered another request (another gateway, resource, recipient,"
                    + " sender or text): use a new key for a new request");
        }
        // After the commit: the outbox row exists, so a publish that fails here is retried by the sweeper.
        outbox.publish(sent.created());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(sent.body());
    }

    private static Optional<Long> parseId(String value) {
        if (value == null || !value.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(value));
    }

    private static int parseStart(String value) {
        if (!value.matches("[0-9]{1,9}")) {
            throw ApiException.badRequest("start", "'" + value + "' is not an offset: a whole number from 0");
        }
        return Integer.parseInt(value);
    }

    /** An offset that need not be a multiple of the page size, as Django's slicing allowed. */
    private static final class OffsetPage extends PageRequest {

        private final long offset;

        OffsetPage(long offset, int size) {
            super(0, size, Sort.unsorted());
            this.offset = offset;
        }

        @Override
        public long getOffset() {
            return offset;
        }
    }
}
