package io.richmond.api.keyword;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.richmond.api.account.AccountPrincipal;
import io.richmond.api.web.ApiException;
import io.richmond.api.web.ApiParams;

/** The account's keywords: {@code /api/v1/account/keywords}. */
@RestController
@RequestMapping("/api/v1/account")
class KeywordController {

    private static final Logger log = LoggerFactory.getLogger(KeywordController.class);

    private final Keywords keywords;
    private final KeywordQueues queues;

    KeywordController(Keywords keywords, KeywordQueues queues) {
        this.keywords = keywords;
        this.queues = queues;
    }

    /** {@code number}, {@code keyword}. */
    @PostMapping("/keywords.json")
    KeywordView register(ApiParams params, @AuthenticationPrincipal AccountPrincipal caller) {
        String number = Keywords.checkNumber(params.required("number"));
        String keyword = Keywords.checkKeyword(params.required("keyword"));
        Keyword registered;
        try {
            registered = keywords.register(caller.accountId(), number, keyword);
        } catch (DataIntegrityViolationException e) {
            // Another request registered it between our check and our insert.
            throw Keywords.taken(number, keyword);
        }
        try {
            // Now, so that workers can start consuming before the first SMS arrives.
            queues.declare(keyword);
        } catch (AmqpException e) {
            log.warn("keyword '{}' is registered but its queue could not be declared now ({}); the first SMS for it"
                    + " declares it", keyword, e.toString());
        }
        return KeywordView.of(registered);
    }

    @GetMapping("/keywords.json")
    List<KeywordView> list(@AuthenticationPrincipal AccountPrincipal caller) {
        return keywords.of(caller.accountId()).stream().map(KeywordView::of).toList();
    }

    @DeleteMapping("/keywords/{id}.json")
    ResponseEntity<Void> delete(@PathVariable String id, @AuthenticationPrincipal AccountPrincipal caller) {
        if (!id.matches("[0-9]{1,18}")) {
            throw ApiException.notFound("no keyword " + id);
        }
        keywords.delete(caller.accountId(), Long.parseLong(id));
        return ResponseEntity.noContent().build();
    }
}
