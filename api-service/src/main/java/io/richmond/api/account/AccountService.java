package io.richmond.api.account;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.richmond.api.ApiProperties;
import io.richmond.api.sms.Msisdns;

/** Creates and changes accounts, and finds them for HTTP Basic authentication. */
@Service
public class AccountService implements UserDetailsService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9@.+_-]{1,150}");
    private static final int MAX_USERNAME = 150;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountRepository accounts;
    private final NumberRouteRepository routes;
    private final PasswordEncoder passwordEncoder;
    private final NumberOwners owners;
    private final PrincipalCache principals;

    public AccountService(AccountRepository accounts, NumberRouteRepository routes, PasswordEncoder passwordEncoder,
            NumberOwners owners, ApiProperties properties) {
        this.accounts = accounts;
        this.routes = routes;
        this.passwordEncoder = passwordEncoder;
        this.owners = owners;
        this.principals = new PrincipalCache(properties.credentialCache().accountTtl(),
                properties.credentialCache().maximumSize());
    }

    /**
     * Not transactional: a request whose account is remembered takes no connection from the pool. A name no account
     * could have is not looked up: PostgreSQL refuses a NUL in text, and such names are not worth remembering.
     */
    @Override
    public UserDetails loadUserByUsername(String username) {
        if (!couldBeUsername(username)) {
            throw new UsernameNotFoundException("no account has such a name");
        }
        return principals.get(username, name -> accounts.findByUsername(name).map(account -> new AccountPrincipal(
                        account.getId(), account.getUsername(), account.getPasswordHash(), account.getRateLimit())))
                .orElseThrow(() -> new UsernameNotFoundException("no account " + username));
    }

    /** A new account; the password is stored as a BCrypt hash only. */
    @Transactional
    public Account create(String username, String password, Integer rateLimit) {
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a username is 1 to 150 letters, digits or @.+_-, got '" + username
                    + "'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        checkRateLimit(rateLimit);
        owners.changed();
        principals.forgetAfterCommit(username);
        if (accounts.findByUsername(username).isPresent()) {
            throw new IllegalArgumentException("an account " + username + " exists already");
        }
        return accounts.save(new Account(username, passwordEncoder.encode(password), rateLimit, Instant.now()));
    }

    @Transactional
    public void changePassword(String username, String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        find(username).changePassword(passwordEncoder.encode(password), Instant.now());
        principals.forgetAfterCommit(username);
    }

    /** Sets the account's own request budget per window; null returns it to the default. */
    @Transactional
    public void changeRateLimit(String username, Integer rateLimit) {
        checkRateLimit(rateLimit);
        find(username).changeRateLimit(rateLimit, Instant.now());
        principals.forgetAfterCommit(username);
    }

    /** The secret that signs the account's callbacks. */
    @Transactional(readOnly = true)
    public String callbackSecret(long accountId) {
        return findById(accountId).getCallbackSecret();
    }

    /**
     * A new secret for the account's callbacks, which the old one no longer verifies: deliveries already on their
     * way are signed with the new one once the dispatcher's cache expires (richmond.callbacks.secret-cache-ttl).
     */
    @Transactional
    public String rotateCallbackSecret(long accountId) {
        Account account = findById(accountId);
        account.rotateCallbackSecret(Instant.now());
        return account.getCallbackSecret();
    }

    /** SMS received on {@code msisdn} belong to the account from now on. */
    @Transactional
    public void route(String msisdn, String username) {
        if (!Msisdns.isValid(msisdn) && !msisdn.matches("[*#0-9]{2,32}")) {
            throw new IllegalArgumentException("'" + msisdn + "' is neither an msisdn nor a short code");
        }
        Long accountId = find(username).getId();
        owners.changed();
        routes.findById(msisdn).ifPresentOrElse(route -> route.routeTo(accountId),
                () -> routes.save(new NumberRoute(msisdn, accountId)));
    }

    @Transactional(readOnly = true)
    public long idOf(String username) {
        return find(username).getId();
    }

    public boolean anyExists() {
        return accounts.count() > 0;
    }

    /**
     * Whether some account could have this name: 1 to 150 characters without control characters. Wider than what
     * {@link #create} accepts, so that accounts made some other way (in SQL, by an older system) still log in.
     */
    static boolean couldBeUsername(String username) {
        return username != null && !username.isEmpty() && username.length() <= MAX_USERNAME
                && username.chars().noneMatch(Character::isISOControl);
    }

    /** A password for people who did not choose one: 144 random bits, URL-safe. */
    public static String generatePassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Account find(String username) {
        return accounts.findByUsername(username)
                .orElseThrow(() -> new IllegalArgumentException("no account " + username));
    }

    private Account findById(long accountId) {
        return accounts.findById(accountId)
                .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
    }

    private static void checkRateLimit(Integer rateLimit) {
        if (rateLimit != null && rateLimit < 1) {
            throw new IllegalArgumentException("a rate limit is at least 1 request per window, got " + rateLimit);
        }
    }
}
