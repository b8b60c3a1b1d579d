package io.richmond.testsupport;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Property-style checks with plain JUnit: a property runs against many inputs generated from a seeded
 * {@link SplittableRandom}, and a failure names the seed, the try and the input, so that it can be replayed.
 *
 * <p>The seed is {@value #DEFAULT_SEED} unless the system property {@value #SEED_PROPERTY} sets another
 * ({@code mvn test -Drichmond.test.seed=7}): every run checks the same inputs until someone asks for others, and
 * each check starts afresh from the seed, so a failure replays whichever checks ran before it.
 *
 * <pre>{@code
 * RandomInputs.forAll(1000, random -> random.string("SMI,0123456789", 0, 40),
 *         line -> assertThat(SsmiCodec.parse(line, direction)).isNotNull());
 * }</pre>
 *
 * <p>Inputs made of several values are best generated as a record: a failure shows each of its components.
 */
public final class RandomInputs {

    public static final String SEED_PROPERTY = "richmond.test.seed";
    public static final long DEFAULT_SEED = 20_080_831L;
    public static final String DIGITS = "0123456789";
    public static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static final List<Integer> EDGE_INTS = List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
    /** Enough of an input to recognise it in a report; the seed replays all of it. */
    private static final int SHOWN_LENGTH = 300;

    private final SplittableRandom random;

    private RandomInputs(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A generator starting from {@code seed}, for inputs a test makes outside {@link #forAll}. */
    public static RandomInputs seeded(long seed) {
        return new RandomInputs(seed);
    }

    /** The seed checks start from: {@value #SEED_PROPERTY} if set, else {@value #DEFAULT_SEED}. */
    public static long seed() {
        String configured = System.getProperty(SEED_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return DEFAULT_SEED;
        }
        try {
            return Long.parseLong(configured.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    SEED_PROPERTY + " must be a whole number (a long), not \"" + configured + "\"", e);
        }
    }

    /**
     * Checks {@code property} against {@code tries} inputs made by {@code generator} from {@link #seed()}.
     *
     * @throws AssertionError on the first input the property fails on, naming the seed, the try and the input, with
     *         the property's own failure as its cause
     */
    public static <T> void forAll(int tries, Function<RandomInputs, ? extends T> generator,
            Consumer<? super T> property) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, not " + tries);
        }
        long seed = seed();
        RandomInputs random = new RandomInputs(seed);
        for (int attempt = 1; attempt <= tries; attempt++) {
            T input = generator.apply(random);
            try {
                property.accept(input);
            } catch (Throwable failure) {
                // Anything the property throws, a StackOverflowError on deep input included, is a failure on this
                // input: report what reproduces it instead of a bare stack trace.
                throw new AssertionError("property failed on try %d of %d, seed %d (-D%s=%d replays it); input: %s"
                        .formatted(attempt, tries, seed, SEED_PROPERTY, seed, describe(input)), failure);
            }
        }
    }

    /** A number from {@code min} to {@code max}, both included, all equally likely. */
    public int between(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range: " + min + " > " + max);
        }
        return (int) random.nextLong(min, (long) max + 1);
    }

    /** Any int, often 0, ±1, the extremes or a small number, since those are where parsers go wrong. */
    public int anyInt() {
        return switch (random.nextInt(4)) {
            case 0 -> of(EDGE_INTS);
            case 1 -> between(-1000, 1000);
            default -> random.nextInt();
        };
    }

    /** One of {@code choices}, all equally likely. */
    @SafeVarargs
    public final <T> T of(T... choices) {
        return of(List.of(choices));
    }

    /** One of {@code choices}, all equally likely. */
    public <T> T of(List<? extends T> choices) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("nothing to choose from");
        }
        return choices.get(random.nextInt(choices.size()));
    }

    /** What one of {@code generators}, chosen with equal chances, makes. */
    @SafeVarargs
    public final <T> T oneOf(Supplier<? extends T>... generators) {
        return of(generators).get();
    }

    /** A string of {@code minLength} to {@code maxLength} characters, each one taken from {@code alphabet}. */
    public String string(String alphabet, int minLength, int maxLength) {
        if (alphabet.isEmpty()) {
            throw new IllegalArgumentException("empty alphabet");
        }
        return fill(minLength, maxLength, () -> alphabet.charAt(random.nextInt(alphabet.length())));
    }

    /** A string of {@code minLength} to {@code maxLength} characters from {@code first} to {@code last}. */
    public String string(char first, char last, int minLength, int maxLength) {
        if (first > last) {
            throw new IllegalArgumentException("empty character range: " + (int) first + " > " + (int) last);
        }
        return fill(minLength, maxLength, () -> (char) between(first, last));
    }

    /**
     * A string of up to {@code maxLength} of any UTF-16 characters, controls and lone surrogates included. Half of
     * the characters are ASCII, so that separators and markup turn up often.
     */
    public String anyString(int maxLength) {
        return anyString(0, maxLength);
    }

    /** As {@link #anyString(int)}, at least {@code minLength} long. */
    public String anyString(int minLength, int maxLength) {
        return fill(minLength, maxLength,
                () -> (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(Character.MAX_VALUE + 1)));
    }

    /** {@code minLength} to {@code maxLength} bytes, any values. */
    public byte[] bytes(int minLength, int maxLength) {
        byte[] bytes = new byte[length(minLength, maxLength)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A list of {@code minSize} to {@code maxSize} elements, each made by {@code element}. */
    public <T> List<T> listOf(int minSize, int maxSize, Supplier<? extends T> element) {
        int size = length(minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    private String fill(int minLength, int maxLength, CharSupplier next) {
        int length = length(minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(next.get());
        }
        return text.toString();
    }

    /** A length, the shortest and the longest allowed ones more often than the others: both are edge cases. */
    private int length(int min, int max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("no length from " + min + " to " + max);
        }
        return switch (random.nextInt(8)) {
            case 0 -> min;
            case 1 -> max;
            default -> between(min, max);
        };
    }

    @FunctionalInterface
    private interface CharSupplier {
        char get();
    }

    private static String describe(Object input) {
        if (input instanceof String text) {
            return quote(text);
        }
        if (input instanceof byte[] bytes) {
            String hex = HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(bytes.length, SHOWN_LENGTH / 3));
            return bytes.length + " bytes [" + hex + (bytes.length > SHOWN_LENGTH / 3 ? " …]" : "]");
        }
        if (input instanceof Collection<?> elements) {
            return elements.stream().map(RandomInputs::describe).collect(Collectors.joining(", ", "[", "]"));
        }
        if (input instanceof Map<?, ?> entries) {
            return entries.entrySet().stream()
                    .map(entry -> describe(entry.getKey()) + "=" + describe(entry.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (input != null && input.getClass().isRecord()) {
            return describeRecord((Record) input);
        }
        return String.valueOf(input);
    }

    private static String describeRecord(Record input) {
        StringBuilder text = new StringBuilder(input.getClass().getSimpleName()).append('[');
        RecordComponent[] components = input.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            text.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=');
            try {
                // Test records are rarely public; their accessors are still readable from an unnamed module.
                components[i].getAccessor().setAccessible(true);
                text.append(describe(components[i].getAccessor().invoke(input)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                text.append("<unreadable: ").append(e).append('>');
            }
        }
        return text.append(']').toString();
    }

    /** The text in quotes, escaped so that controls, CRs and non-ASCII characters show in a report as they are. */
    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        int shown = Math.min(text.length(), SHOWN_LENGTH);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> quoted.append("\\r");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        quoted.append(c);
                    } else {
                        quoted.append("\\u%04X".formatted((int) c));
                    }
                }
            }
        }
        quoted.append('"');
        if (text.length() > shown) {
            quoted.append("… (").append(text.length()).append(" chars)");
        }
        return quoted.toString();
    }
}
