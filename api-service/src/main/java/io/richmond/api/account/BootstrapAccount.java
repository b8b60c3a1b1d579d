package io.richmond.api.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Makes a fresh installation usable without SQL: the first start creates one account. It runs once every bean
 * exists and before the web server starts, so that no request can arrive before the account does.
 */
@Component
@Profile("!" + AccountsCommand.PROFILE)
class BootstrapAccount implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAccount.class);

    private final AccountService accounts;
    private final BootstrapProperties properties;

    BootstrapAccount(AccountService accounts, BootstrapProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (properties.username().isBlank() || accounts.anyExists()) {
            return;
        }
        boolean generated = properties.password().isEmpty();
        String password = generated ? AccountService.generatePassword() : properties.password();
        accounts.create(properties.username(), password, null);
        if (generated) {
            // Logged this once only: the database keeps nothing but its hash.
            log.warn("created the first account '{}' with the generated password '{}'; it is not shown again",
                    properties.username(), password);
        } else {
            log.info("created the first account '{}' with the password from RICHMOND_BOOTSTRAP_PASSWORD",
                    properties.username());
        }
    }
}
