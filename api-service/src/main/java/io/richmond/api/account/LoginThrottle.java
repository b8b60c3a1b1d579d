package io.richmond.api.account;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.richmond.api.ApiProperties;

/**
 * Budgets of failed logins, per username and per client address, held in this process: a budget of N per window
 * comes back a token every window / N. An attempt whose budget is spent is refused before its password is checked,
 * so a guesser costs neither BCrypt time nor learns anything.
 *
 * <p>A correct login never spends a budget; only failures do, once the password was found wrong. Concurrent
 * attempts that found a token may all fail, and then leave the budget in debt, which its refill pays back first:
 * a burst can pass the budget by the guesser's concurrency, but not the rate over time.
 *
 * <p>A per-username budget alone would let anyone lock a customer out by failing on its name. So an address whose
 * last login for a username was right is known for that username and is not held by the username's budget, only by
 * its own address's: the customer's servers keep working while its name is under attack from elsewhere.
 *
 * <p>Usernames and addresses are chosen by whoever sends the request, so every map is bounded ({@code maximum-size})
 * and forgets what was not used for a while: a budget untouched for a window is whole again anyway. An IPv6 client
 * counts by its /64, which one machine commonly holds whole.
 */
final class LoginThrottle {

    /** What an attempt that may go ahead reports back, once its password was checked. */
    final class Attempt {

        private final Known pair;
        private final boolean known;

        private Attempt(Known pair, boolean known) {
            this.pair = pair;
            this.known = known;
        }

        void succeeded() {
            if (!known) {
                knownAddresses.put(pair, Boolean.TRUE);
            }
        }

        void failed() {
            knownAddresses.invalidate(pair);
            addresses.get(pair.address(), key -> bucket(failuresPerAddress)).consumeIgnoringRateLimits(1);
            usernames.get(pair.username(), key -> bucket(failuresPerUsername)).consumeIgnoringRateLimits(1);
        }
    }

    private record Known(String username, String address) {
    }

    private final int failuresPerUsername;
    private final int failuresPerAddress;
    private final Duration window;
    private final TimeMeter clock;
    private final Cache<String, Bucket> usernames;
    private final Cache<String, Bucket> addresses;
    private final Cache<Known, Boolean> knownAddresses;

    LoginThrottle(ApiProperties.LoginThrottle settings, MeterRegistry meters, TimeMeter clock) {
        this.failuresPerUsername = settings.failuresPerUsername();
        this.failuresPerAddress = settings.failuresPerAddress();
        this.window = settings.window();
        this.clock = clock;
        this.usernames = Caffeine.newBuilder().maximumSize(settings.maximumSize()).expireAfterAccess(window).build();
        this.addresses = Caffeine.newBuilder().maximumSize(settings.maximumSize()).expireAfterAccess(window).build();
        this.knownAddresses = Caffeine.newBuilder().maximumSize(settings.maximumSize())
                .expireAfterAccess(settings.knownAddressTtl()).build();
        gauge(meters, "usernames", usernames);
        gauge(meters, "addresses", addresses);
        gauge(meters, "known_addresses", knownAddresses);
    }

    /**
     * May {@code username} try its password from {@code address}?
     *
     * @throws LoginThrottledException when the address's budget is spent, or the username's and the address is not
     *                                 known for it
     */
    Attempt attempt(String username, String address) {
        Known pair = new Known(username, clientOf(address));
        Bucket byAddress = addresses.getIfPresent(pair.address());
        if (byAddress != null) {
            refuseIfSpent(byAddress, "too many failed logins from your address");
        }
        boolean known = knownAddresses.getIfPresent(pair) != null;
        Bucket byUsername = usernames.getIfPresent(username);
        if (!known && byUsername != null) {
            refuseIfSpent(byUsername, "too many failed logins for this username");
        }
        return new Attempt(pair, known);
    }

    private static void refuseIfSpent(Bucket bucket, String why) {
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        if (!probe.canBeConsumed()) {
            throw new LoginThrottledException(why, probe.getNanosToWaitForRefill());
        }
    }

    private Bucket bucket(int failures) {
        return Bucket.builder().withCustomTimePrecision(clock)
                .addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, window).build())
                .build();
    }

    /** The address as the budget counts it: an IPv4 address whole, an IPv6 address by its /64. */
    static String clientOf(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            // A literal with a colon is IPv6: no name is looked up.
            InetAddress parsed = InetAddress.getByName(address);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] prefix = Arrays.copyOf(parsed.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static void gauge(MeterRegistry meters, String kind, Cache<?, ?> cache) {
        Gauge.builder("richmond.login.throttle.entries", cache, Cache::estimatedSize)
                .description("usernames, addresses and known addresses the login throttle remembers")
                .tag("kind", kind)
                .register(meters);
    }
}
