package io.richmond.api.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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
 *
 * <p>Many connections send the same credentials at once, so when the entry expires they would all miss together
 * and each pay the slow check. Checks of the same hash and password under way at the same time therefore share
 * one: the first runs it on its own thread and the others wait for its answer. Another password for the same hash
 * is another check, run on its own, so a wrong password neither waits for a right one nor makes it wait. The
 * shared check is held outside any cache's lock, where a slow check would also hold up unrelated keys.
 */
final class CachingPasswordEncoder implements PasswordEncoder {

    private static final String HMAC = "HmacSHA256";

    /** A slow check under way: the stored hash and the HMAC of the presented password, in hex. */
    private record Check(String encodedPassword, String presented) {
    }

    private final PasswordEncoder slow;
    private final SecretKeySpec key;
    private final Cache<String, byte[]> accepted;
    private final ConcurrentMap<Check, CompletableFuture<Boolean>> checking = new ConcurrentHashMap<>();

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
        if (isAccepted(encodedPassword, presented)) {
            return true;
        }
        Check check = new Check(encodedPassword, HexFormat.of().formatHex(presented));
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> underWay = checking.putIfAbsent(check, mine);
        if (underWay != null) {
            return answerOf(underWay);
        }
        try {
            // A check that finished between the look above and putIfAbsent has remembered its answer by now.
            boolean matches = isAccepted(encodedPassword, presented) || slowCheck(rawPassword, encodedPassword,
                    presented);
            mine.complete(matches);
            return matches;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(check, mine);
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return slow.upgradeEncoding(encodedPassword);
    }

    private boolean isAccepted(String encodedPassword, byte[] presented) {
        byte[] remembered = accepted.getIfPresent(encodedPassword);
        return remembered != null && MessageDigest.isEqual(remembered, presented);
    }

    /** Remembers an accepted password before the check stops being under way, so that no later caller misses both. */
    private boolean slowCheck(CharSequence rawPassword, String encodedPassword, byte[] presented) {
        if (!slow.matches(rawPassword, encodedPassword)) {
            return false;
        }
        accepted.put(encodedPassword, presented);
        return true;
    }

    private static boolean answerOf(CompletableFuture<Boolean> check) {
        try {
            return check.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
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
