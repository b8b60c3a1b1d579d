package io.richmond.api.callback;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.richmond.api.account.AccountPrincipal;
import io.richmond.api.web.ApiException;
import io.richmond.api.web.ApiParams;

/** The account's callback URLs: {@code /api/v1/account/callbacks}. */
@RestController
@RequestMapping("/api/v1/account")
@Transactional
class CallbackController {

    private static final int MAX_URL = 2048;

    private final CallbackUrlRepository callbacks;
    private final CallbackUrlGuard guard;
    private final CallbackTargets targets;

    CallbackController(CallbackUrlRepository callbacks, CallbackUrlGuard guard, CallbackTargets targets) {
        this.callbacks = callbacks;
        this.guard = guard;
        this.targets = targets;
    }

    /**
     * The May 2010 form: {@code sms_received=<url>&sms_receipt=<url>}, one URL per name, replacing the name's
     * URLs. Answers the callbacks set, in the order given.
     */
    @PutMapping("/callbacks.json")
    List<CallbackView> replace(ApiParams params, @AuthenticationPrincipal AccountPrincipal caller) {
        targets.changed();
        Instant now = now();
        List<CallbackView> set = new ArrayList<>();
        for (String given : params.asMap().keySet()) {
            CallbackName name = CallbackName.of(given).orElseThrow(() -> ApiException.badRequest(given,
                    "unknown callback '" + given + "': use sms_received or sms_receipt"));
            String url = url(given, params.required(given));
            List<CallbackUrl> existing = callbacks.findByAccountIdAndNameOrderByIdAsc(caller.accountId(),
                    name.value());
            CallbackUrl kept;
            if (existing.isEmpty()) {
                kept = callbacks.save(new CallbackUrl(caller.accountId(), name, url, CallbackFormat.MULTIPART, now));
            } else {
                kept = existing.get(0);
                kept.changeUrl(url, now);
                callbacks.deleteAll(existing.subList(1, existing.size()));
            }
            set.add(CallbackView.of(kept));
        }
        if (set.isEmpty()) {
            throw ApiException.badRequest("sms_received", "give sms_received=<url> and/or sms_receipt=<url>");
        }
        return set;
    }

    /** Adds a URL to a name: {@code name}, {@code url} and optionally {@code format} ({@code multipart}). */
    @PostMapping("/callbacks.json")
    CallbackView add(ApiParams params, @AuthenticationPrincipal AccountPrincipal caller) {
        targets.changed();
        String given = params.required("name");
        CallbackName name = CallbackName.of(given).orElseThrow(() -> ApiException.badRequest("name",
                "unknown callback '" + given + "': use sms_received or sms_receipt"));
        String url = url("url", params.required("url"));
        CallbackFormat format = params.first("format").map(CallbackController::format)
                .orElse(CallbackFormat.MULTIPART);
        return CallbackView.of(callbacks.save(new CallbackUrl(caller.accountId(), name, url, format, now())));
    }

    @GetMapping("/callbacks.json")
    @Transactional(readOnly = true)
    List<CallbackView> list(@AuthenticationPrincipal AccountPrincipal caller) {
        return callbacks.findByAccountIdOrderByIdAsc(caller.accountId()).stream().map(CallbackView::of).toList();
    }

    @GetMapping("/callbacks/{id}.json")
    @Transactional(readOnly = true)
    CallbackView one(@PathVariable String id, @AuthenticationPrincipal AccountPrincipal caller) {
        return CallbackView.of(find(id, caller));
    }

    /** Changes {@code url}, {@code format} or both. */
    @PutMapping("/callbacks/{id}.json")
    CallbackView change(@PathVariable String id, ApiParams params, @AuthenticationPrincipal AccountPrincipal caller) {
        targets.changed();
        CallbackUrl callback = find(id, caller);
        Optional<CallbackFormat> format = params.first("format").map(CallbackController::format);
        if (format.isEmpty() || params.first("url").isPresent()) {
            callback.changeUrl(url("url", params.required("url")), now());
        }
        format.ifPresent(given -> callback.changeFormat(given, now()));
        return CallbackView.of(callback);
    }

    @DeleteMapping("/callbacks/{id}.json")
    ResponseEntity<Void> delete(@PathVariable String id, @AuthenticationPrincipal AccountPrincipal caller) {
        targets.changed();
        callbacks.delete(find(id, caller));
        return ResponseEntity.noContent().build();
    }

    private CallbackUrl find(String id, AccountPrincipal caller) {
        if (!id.matches("[0-9]{1,18}")) {
            throw ApiException.notFound("no callback " + id);
        }
        return callbacks.findByIdAndAccountId(Long.parseLong(id), caller.accountId())
                .orElseThrow(() -> ApiException.notFound("no callback " + id));
    }

    /**
     * An absolute http(s) URL that passes the SSRF guard; {@code user:pass@} in it is kept for the dispatcher's
     * Basic auth.
     */
    private String url(String field, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && value.length() <= MAX_URL) {
                guard.check(field, uri);
                return value;
            }
        } catch (URISyntaxException e) {
            // Refused below, with the rule.
        }
        throw ApiException.badRequest(field, "'" + value + "' is not an absolute http or https URL of at most "
                + MAX_URL + " characters");
    }

    private static CallbackFormat format(String value) {
        return CallbackFormat.of(value).orElseThrow(() -> ApiException.badRequest("format",
                "unknown format '" + value + "': use multipart or json"));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
