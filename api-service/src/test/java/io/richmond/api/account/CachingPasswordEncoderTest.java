package io.richmond.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

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
}
