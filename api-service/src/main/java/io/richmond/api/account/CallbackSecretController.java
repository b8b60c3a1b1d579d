package io.richmond.api.account;

import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The secret that signs the account's callbacks: read it, or rotate it (the answer holds the new one). */
@RestController
@RequestMapping("/api/v1/account/callback_secret.json")
class CallbackSecretController {

    private final AccountService accounts;

    CallbackSecretController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    Map<String, String> current(@AuthenticationPrincipal AccountPrincipal caller) {
        return Map.of("callback_secret", accounts.callbackSecret(caller.accountId()));
    }

    @PostMapping
    Map<String, String> rotate(@AuthenticationPrincipal AccountPrincipal caller) {
        return Map.of("callback_secret", accounts.rotateCallbackSecret(caller.accountId()));
    }
}
