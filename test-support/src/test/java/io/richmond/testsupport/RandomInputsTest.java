package io.richmond.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RandomInputsTest {

    private record Pair(String text, byte[] bytes) {
    }

    @AfterEach
    void clearSeed() {
        System.clearProperty(RandomInputs.SEED_PROPERTY);
    }

    @Test
    void theSameSeedMakesTheSameInputs() {
        assertThat(inputsFrom(RandomInputs.seeded(42))).isEqualTo(inputsFrom(RandomInputs.seeded(42)))
                .isNotEqualTo(inputsFrom(RandomInputs.seeded(43)));
    }

    @Test
    void checksStartFromTheDefaultSeedUnlessThePropertySetsAnother() {
        assertThat(RandomInputs.seed()).isEqualTo(RandomInputs.DEFAULT_SEED);

        System.setProperty(RandomInputs.SEED_PROPERTY, " 7 ");

        assertThat(RandomInputs.seed()).isEqualTo(7);
        assertThat(generated(5)).isEqualTo(inputsFrom(RandomInputs.seeded(7)).subList(0, 5));
    }

    @Test
    void aSeedThatIsNotANumberIsRefused() {
        System.setProperty(RandomInputs.SEED_PROPERTY, "abc");

        assertThatThrownBy(RandomInputs::seed).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RandomInputs.SEED_PROPERTY).hasMessageContaining("\"abc\"");
    }

    @Test
    void everyTryIsChecked() {
        AtomicInteger checked = new AtomicInteger();

        RandomInputs.forAll(250, random -> random.anyInt(), value -> checked.incrementAndGet());

        assertThat(checked).hasValue(250);
    }

    @Test
    void aFailureNamesTheTryTheSeedAndTheInput() {
        AtomicInteger attempt = new AtomicInteger();

        assertThatThrownBy(() -> RandomInputs.forAll(10, random -> new Pair("a\r\u00e9\"", new byte[] {0, -1}),
                pair -> assertThat(attempt.incrementAndGet()).isLessThan(3)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("try 3 of 10")
                .hasMessageContaining("seed " + RandomInputs.DEFAULT_SEED)
                .hasMessageContaining("-Drichmond.test.seed=" + RandomInputs.DEFAULT_SEED)
                .hasMessageContaining("Pair[text=\"a\\r\\u00E9\\\"\", bytes=2 bytes [00 ff]]")
                .cause().isInstanceOf(AssertionError.class);
    }

    @Test
    void anythingThePropertyThrowsIsAFailureOnThatInput() {
        assertThatThrownBy(() -> RandomInputs.forAll(1, random -> "x".repeat(1000), text -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("\"" + "x".repeat(300) + "\"… (1000 chars)")
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }

    @Test
    void generatedValuesStayWithinTheirBounds() {
        RandomInputs random = RandomInputs.seeded(3);
        for (int i = 0; i < 1000; i++) {
            assertThat(random.between(-3, 3)).isBetween(-3, 3);
            assertThat(random.between(Integer.MAX_VALUE - 1, Integer.MAX_VALUE)).isGreaterThan(0);
            assertThat(random.between(Integer.MIN_VALUE, Integer.MIN_VALUE + 1)).isLessThan(0);
            assertThat(random.string("ab,", 2, 5)).hasSizeBetween(2, 5).matches("[ab,]*");
            assertThat(random.string('\u0000', '\u00ff', 0, 9)).hasSizeLessThanOrEqualTo(9).matches("[\\x00-\\xff]*");
            assertThat(random.anyString(1, 4)).hasSizeBetween(1, 4);
            assertThat(random.bytes(3, 7)).hasSizeBetween(3, 7);
            assertThat(random.listOf(0, 4, () -> "e")).hasSizeLessThanOrEqualTo(4).allMatch("e"::equals);
            assertThat(random.of("x", "y")).isIn("x", "y");
            assertThat(random.<String>oneOf(() -> "p", () -> "q")).isIn("p", "q");
        }
    }

    @Test
    void edgeCasesTurnUp() {
        RandomInputs random = RandomInputs.seeded(1);
        List<Integer> ints = random.listOf(400, 400, random::anyInt);
        List<Integer> lengths = random.listOf(400, 400, () -> random.string("a", 0, 50).length());

        assertThat(ints).contains(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertThat(lengths).contains(0, 50);
    }

    @Test
    void emptyOrBackwardRangesAreRefused() {
        RandomInputs random = RandomInputs.seeded(1);

        assertThatThrownBy(() -> random.between(2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty range: 2 > 1");
        assertThatThrownBy(() -> random.string("", 0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty alphabet");
        assertThatThrownBy(() -> random.string('b', 'a', 0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty character range: 98 > 97");
        assertThatThrownBy(() -> random.anyString(-1, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no length from -1 to 3");
        assertThatThrownBy(() -> random.bytes(4, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no length from 4 to 3");
        assertThatThrownBy(() -> random.listOf(5, 2, () -> "e")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no length from 5 to 2");
        assertThatThrownBy(() -> random.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nothing to choose from");
        assertThatThrownBy(() -> RandomInputs.forAll(0, r -> "", text -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tries must be at least 1, not 0");
    }

    private static List<Object> generated(int tries) {
        List<Object> inputs = new ArrayList<>();
        RandomInputs.forAll(tries, random -> random.anyString(0, 20), inputs::add);
        return inputs;
    }

    private static List<Object> inputsFrom(RandomInputs random) {
        List<Object> inputs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inputs.add(random.anyString(0, 20));
        }
        inputs.add(List.of(random.between(0, 1000), random.anyInt()));
        inputs.add(HexFormat.of().formatHex(random.bytes(0, 30)));
        return inputs;
    }
}
