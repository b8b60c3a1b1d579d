package io.richmond.api.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.richmond.api.ApiProperties;

/** The budgets on a clock the test turns: 3 failures per username and 6 per address per minute. */
class LoginThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final AtomicLong now = new AtomicLong();
    private final LoginThrottle throttle = throttle(3, 6, 1000, new SimpleMeterRegistry());

    @Test
    void aUsernameThatSpentItsFailuresWaitsForTheNextOne() {
        fail("alice", "10.0.0.1", 3);

        assertThatThrownBy(() -> throttle.attempt("alice", "10.0.0.2"))
                .isInstanceOfSatisfying(LoginThrottledException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("too many failed logins for this username");
                    assertThat(e.retryAfterSeconds()).isEqualTo(20);
                });
        throttle.attempt("bob", "10.0.0.1");

        now.addAndGet(TimeUnit.SECONDS.toNanos(20));
        throttle.attempt("alice", "10.0.0.2").failed();
        assertThatThrownBy(() -> throttle.attempt("alice", "10.0.0.2")).isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void rightPasswordsSpendNothing() {
        for (int i = 0; i < 100; i++) {
            throttle.attempt("alice", "10.0.0." + i % 7).succeeded();
        }

        fail("alice", "10.0.0.1", 2);
        throttle.attempt("alice", "10.0.0.1");
    }

    @Test
    void anAddressThatSpentItsFailuresIsRefusedWhateverTheUsername() {
        for (int i = 0; i < 6; i++) {
            throttle.attempt("user" + i, "10.0.0.9").failed();
        }

        assertThatThrownBy(() -> throttle.attempt("someone", "10.0.0.9"))
                .isInstanceOfSatisfying(LoginThrottledException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("too many failed logins from your address");
                    assertThat(e.retryAfterSeconds()).isEqualTo(10);
                });
        throttle.attempt("someone", "10.0.0.10");
    }

    @Test
    void anAddressWhoseLastLoginWasRightIsNotHeldByItsUsernamesBudgetUntilItFails() {
        throttle.attempt("alice", "10.0.0.1").succeeded();
        fail("alice", "192.0.2.66", 3);

        assertThatThrownBy(() -> throttle.attempt("alice", "192.0.2.66")).isInstanceOf(LoginThrottledException.class);
        throttle.attempt("alice", "10.0.0.1").succeeded();
        throttle.attempt("alice", "10.0.0.1").failed();
        assertThatThrownBy(() -> throttle.attempt("alice", "10.0.0.1")).isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void concurrentFailuresLeaveTheBudgetInDebt() {
        List<LoginThrottle.Attempt> underWay = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            underWay.add(throttle.attempt("alice", "10.0.0." + i));
        }
        underWay.forEach(LoginThrottle.Attempt::failed);

        assertThatThrownBy(() -> throttle.attempt("alice", "10.0.0.100"))
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAfterSeconds()).as("7 failures of 20 s to pay back").isEqualTo(140));
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        assertThat(LoginThrottle.clientOf("2001:db8:1:2:a:b:c:d")).isEqualTo(LoginThrottle.clientOf("2001:db8:1:2::1"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(LoginThrottle.clientOf("2001:db8:1:3::1")).isNotEqualTo(LoginThrottle.clientOf("2001:db8:1:2::1"));
        assertThat(LoginThrottle.clientOf("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(LoginThrottle.clientOf("192.0.2.1")).isEqualTo("192.0.2.1");

        for (int i = 0; i < 6; i++) {
            throttle.attempt("user" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1)).failed();
        }
        assertThatThrownBy(() -> throttle.attempt("someone", "2001:db8:1:2:ffff::1"))
                .isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void aFloodOfMadeUpUsernamesAndAddressesIsForgottenBeyondTheBound() {
        MeterRegistry meters = new SimpleMeterRegistry();
        LoginThrottle bounded = throttle(3, 6, 100, meters);
        for (int i = 0; i < 20_000; i++) {
            bounded.attempt(UUID.randomUUID().toString(), "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255))
                    .failed();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(entries(meters, "usernames")).isLessThanOrEqualTo(100);
            assertThat(entries(meters, "addresses")).isLessThanOrEqualTo(100);
        });
    }

    @Test
    void budgetsBelowOneAreRefusedAtStart() {
        assertThatIllegalArgumentException().isThrownBy(() -> throttle(0, 6, 100, new SimpleMeterRegistry()))
                .withMessageContaining("failures-per-username");
        assertThatIllegalArgumentException().isThrownBy(() -> new LoginThrottle(new ApiProperties.LoginThrottle(3, 6,
                Duration.ZERO, Duration.ofHours(1), 100), new SimpleMeterRegistry(), clock()))
                .withMessageContaining("window");
    }

    private void fail(String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.attempt(username, address).failed();
        }
    }

    private LoginThrottle throttle(int perUsername, int perAddress, long maximumSize, MeterRegistry meters) {
        return new LoginThrottle(new ApiProperties.LoginThrottle(perUsername, perAddress, WINDOW, Duration.ofHours(1),
                maximumSize), meters, clock());
    }

    private static double entries(MeterRegistry meters, String kind) {
        return meters.get("richmond.login.throttle.entries").tag("kind", kind).gauge().value();
    }

    private TimeMeter clock() {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return now.get();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }
}
