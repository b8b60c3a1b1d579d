package io.richmond.api.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.github.benmanes.caffeine.cache.Cache;

class CachingPasswordEncoderTest {

    /** BCrypt at its lowest strength, counting how often it is asked. */
    private static final class CountingBCrypt implements PasswordEncoder {

        private final PasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        private final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks.incrementAndGet();
            return bcrypt.matches(rawPassword, encodedPassword);
        }
    }

    /**
     * BCrypt that holds the checks of the passwords it is told to hold until {@link #release}, so that a test can
     * make checks meet, and counts the checks of each password.
     */
    private static final class HeldBCrypt implements PasswordEncoder {

        private final PasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        private final Set<String> held = ConcurrentHashMap.newKeySet();
        private final Set<String> failing;
        private final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
        private final CountDownLatch release = new CountDownLatch(1);

        HeldBCrypt(Set<String> held, Set<String> failing) {
            this.held.addAll(held);
            this.failing = failing;
        }

        void hold(String password) {
            held.add(password);
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            String password = rawPassword.toString();
            checks.computeIfAbsent(password, key -> new AtomicInteger()).incrementAndGet();
            if (held.contains(password)) {
                try {
                    assertThat(release.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).as("released").isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (failing.contains(password)) {
                throw new IllegalStateException("BCrypt broke");
            }
            return bcrypt.matches(rawPassword, encodedPassword);
        }

        int checks(String password) {
            return checks.getOrDefault(password, new AtomicInteger()).get();
        }

        void release() {
            release.countDown();
        }
    }

    /** Threads each asking one question, whose answers are kept in the order they were started. */
    private static final class Callers {

        private final List<Thread> threads = new ArrayList<>();
        private final List<Object> answers = new ArrayList<>();

        void start(int count, BooleanSupplier question) {
            for (int i = 0; i < count; i++) {
                int index = answers.size();
                answers.add(null);
                Thread thread = new Thread(() -> {
                    Object answer;
                    try {
                        answer = question.getAsBoolean();
                    } catch (RuntimeException e) {
                        answer = e;
                    }
                    synchronized (answers) {
                        answers.set(index, answer);
                    }
                });
                threads.add(thread);
                thread.start();
            }
        }

        /** Until every thread waits: for a check under way or held in BCrypt, the only places one can wait. */
        void awaitAllWaiting() {
            await().atMost(DEADLINE).until(() -> threads.stream().map(Thread::getState)
                    .allMatch(state -> state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING));
        }

        List<Object> answers() throws InterruptedException {
            for (Thread thread : threads) {
                thread.join(DEADLINE.toMillis());
                assertThat(thread.isAlive()).as("%s still running", thread.getName()).isFalse();
            }
            synchronized (answers) {
                return List.copyOf(answers);
            }
        }
    }

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final CountingBCrypt bcrypt = new CountingBCrypt();
    private final CachingPasswordEncoder encoder = new CachingPasswordEncoder(bcrypt, Duration.ofMinutes(1), 100);

    @Test
    void aCorrectPasswordIsCheckedByBCryptOnceThenRemembered() {
        String hash = encoder.encode("right");

        for (int i = 0; i < 5; i++) {
            assertThat(encoder.matches("right", hash)).isTrue();
        }
        assertThat(bcrypt.checks).hasValue(1);
    }

    @Test
    void aWrongPasswordRightAfterTheCorrectOneIsRefusedByBCrypt() {
        String hash = encoder.encode("right");
        assertThat(encoder.matches("right", hash)).isTrue();

        assertThat(encoder.matches("wrong", hash)).isFalse();
        assertThat(encoder.matches("wrong", hash)).isFalse();
        assertThat(encoder.matches("right", hash)).isTrue();
        assertThat(bcrypt.checks).hasValue(3);
    }

    @Test
    void aChangedPasswordTakesEffectAtOnce() {
        String before = encoder.encode("old");
        assertThat(encoder.matches("old", before)).isTrue();

        String after = encoder.encode("new");

        assertThat(encoder.matches("old", after)).isFalse();
        assertThat(encoder.matches("new", after)).isTrue();
    }

    @Test
    void nothingExpiresWithoutBCryptAgain() {
        CachingPasswordEncoder shortLived = new CachingPasswordEncoder(bcrypt, Duration.ZERO, 100);
        String hash = shortLived.encode("right");

        assertThat(shortLived.matches("right", hash)).isTrue();
        assertThat(shortLived.matches("right", hash)).isTrue();
        assertThat(bcrypt.checks).hasValue(2);
    }

    @Test
    void thePasswordItselfIsNotKept() throws ReflectiveOperationException {
        String password = "correct horse battery staple";
        String hash = encoder.encode(password);
        assertThat(encoder.matches(password, hash)).isTrue();

        Field field = CachingPasswordEncoder.class.getDeclaredField("accepted");
        field.setAccessible(true);
        Cache<?, ?> accepted = (Cache<?, ?>) field.get(encoder);
        byte[] plain = password.getBytes(StandardCharsets.UTF_8);
        assertThat(accepted.asMap()).hasSize(1).allSatisfy((key, value) -> {
            assertThat(key).isEqualTo(hash);
            assertThat(value).isInstanceOf(byte[].class);
            assertThat(new String((byte[]) value, StandardCharsets.ISO_8859_1)).doesNotContain(password);
            assertThat(Arrays.equals((byte[]) value, plain)).isFalse();
        });
    }

    @Test
    void thirtyTwoConcurrentChecksOfTheRightPasswordAfterExpiryCostOneBCrypt() throws InterruptedException {
        HeldBCrypt slow = new HeldBCrypt(Set.of(), Set.of());
        CachingPasswordEncoder encoder = new CachingPasswordEncoder(slow, Duration.ZERO, 100);
        String hash = encoder.encode("right");
        assertThat(encoder.matches("right", hash)).isTrue();
        slow.hold("right");
        Callers callers = new Callers();

        callers.start(32, () -> encoder.matches("right", hash));
        callers.awaitAllWaiting();
        slow.release();

        assertThat(callers.answers()).hasSize(32).containsOnly(true);
        assertThat(slow.checks("right")).as("one before the expiry, one after").isEqualTo(2);
    }

    @Test
    void aWrongPasswordConcurrentWithRightOnesIsRefusedAndHoldsNoneOfThemUp() throws InterruptedException {
        HeldBCrypt slow = new HeldBCrypt(Set.of("wrong"), Set.of());
        CachingPasswordEncoder encoder = new CachingPasswordEncoder(slow, Duration.ofMinutes(1), 100);
        String hash = encoder.encode("right");
        Callers wrong = new Callers();
        wrong.start(4, () -> encoder.matches("wrong", hash));
        wrong.awaitAllWaiting();

        Callers right = new Callers();
        right.start(8, () -> encoder.matches("right", hash));
        assertThat(right.answers()).as("answered while the wrong password is still being checked")
                .hasSize(8).containsOnly(true);
        assertThat(slow.checks("right")).isEqualTo(1);
        slow.release();

        assertThat(wrong.answers()).hasSize(4).containsOnly(false);
        assertThat(slow.checks("wrong")).isEqualTo(1);
        assertThat(encoder.matches("wrong", hash)).as("a refused password is not remembered").isFalse();
        assertThat(slow.checks("wrong")).isEqualTo(2);
        assertThat(encoder.matches("right", hash)).isTrue();
        assertThat(slow.checks("right")).isEqualTo(1);
    }

    @Test
    void differentWrongPasswordsForOneHashAreCheckedEachOnTheirOwn() throws InterruptedException {
        HeldBCrypt slow = new HeldBCrypt(Set.of("wrong1"), Set.of());
        CachingPasswordEncoder encoder = new CachingPasswordEncoder(slow, Duration.ofMinutes(1), 100);
        String hash = encoder.encode("right");
        Callers first = new Callers();
        first.start(1, () -> encoder.matches("wrong1", hash));
        first.awaitAllWaiting();

        assertThat(encoder.matches("wrong2", hash)).isFalse();
        slow.release();

        assertThat(first.answers()).containsExactly(false);
        assertThat(slow.checks("wrong1")).isEqualTo(1);
        assertThat(slow.checks("wrong2")).isEqualTo(1);
    }

    @Test
    void aCheckThatFailsFailsEveryoneWaitingForItAndIsNotRemembered() throws InterruptedException {
        HeldBCrypt slow = new HeldBCrypt(Set.of("right"), Set.of("right"));
        CachingPasswordEncoder encoder = new CachingPasswordEncoder(slow, Duration.ofMinutes(1), 100);
        String hash = new BCryptPasswordEncoder(4).encode("right");
        Callers callers = new Callers();

        callers.start(8, () -> encoder.matches("right", hash));
        callers.awaitAllWaiting();
        slow.release();

        assertThat(callers.answers()).hasSize(8).allSatisfy(answer -> assertThat(answer)
                .isInstanceOf(IllegalStateException.class).hasFieldOrPropertyWithValue("message", "BCrypt broke"));
        assertThat(slow.checks("right")).isEqualTo(1);
        assertThatThrownBy(() -> encoder.matches("right", hash)).hasMessage("BCrypt broke");
        assertThat(slow.checks("right")).isEqualTo(2);
    }
}
