package io.richmond.api.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Remembers, for a short time, which password each stored hash last accepted, so that a client sending the same
 * HTTP Basic credentials on every request pays for one slow check per {@code ttl} instead of one per request.
 *
 * <p>The entry is keyed by the stored hash itself: a changed password stores a new hash, which has no entry, so
 * the change takes effect at once, even when another process made it. What is remembered is an HMAC of the
 * password under a key that lives only in this process's memory, never the password. A password that does not
 * match the entry goes to the slow check every time, and only a password the slow check accepts is remembered.
 */
final class CachingPasswordEncoder implements PasswordEncoder {

    private static final String HMAC = "HmacSHA256";

    private final PasswordEncoder slow;
    private final SecretKeySpec key;
    private final Cache<String, byte[]> accepted;

    CachingPasswordEncoder(PasswordEncoder slow, Duration ttl, long maximumSize) {
        this.slow = slow;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
        this.accepted = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return slow.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return slow.matches(rawPassword, encodedPassword);
        }
        byte[] presented = mac(rawPassword);
        byte[] remembered = accepted.getIfPresent(encodedPassword);
        if (remembered != null && MessageDigest.isEqual(remembered, presented)) {
            return true;
        }
        if (!slow.matches(rawPassword, encodedPassword)) {
            return false;
        }
        accepted.put(encodedPassword, presented);
        return true;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return slow.upgradeEncoding(encodedPassword);
    }

    private byte[] mac(CharSequence rawPassword) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has " + HMAC, e);
        }
    }
}
