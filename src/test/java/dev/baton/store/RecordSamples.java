package dev.baton.store;

import dev.baton.core.AttemptRecord;
import dev.baton.core.BlockerPolicy;
import dev.baton.core.Handoff;
import dev.baton.core.Reservation;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Records filled with random values of every kind the board stores, for the codec tests. */
public final class RecordSamples {

    /** Text with escapes, control characters, non-ASCII, surrogate pairs and Markdown. */
    static final List<String> TEXTS = List.of("", " ", "a", "Add a greeting to README", "quote \" and backslash \\",
            "slash / and tab\tand newline\nand return\r", "control \u0001\u001f\u007f", "é à ü ß ñ", "日本語のタスク",
            "emoji 😀 🚀 and 👩‍💻", "\u2028 line and \u2029 paragraph separators", "<html> & 'single' `code`",
            "# Spec\n\n- one\n- two\n\n```java\nint x = 1;\n```\n", "trailing spaces   ", "\u0000 nul",
            "{\"json\": [1, 2]}", "T-b154z1jh", "agent-a", "main", "src/api/**", "x".repeat(300));

    static final List<Instant> INSTANTS = List.of(Instant.EPOCH, Instant.parse("2026-11-22T22:08:19Z"),
            Instant.parse("2026-11-22T22:08:19.138Z"), Instant.parse("2026-11-22T22:08:19.100Z"),
            Instant.parse("2026-11-22T22:08:19.000001Z"), Instant.parse("2026-11-22T22:08:19.123456789Z"),
            Instant.parse("2026-11-22T22:08:19.120Z"), Instant.parse("1999-12-31T23:59:59.999Z"),
            Instant.parse("9999-12-31T23:59:59Z"), Instant.ofEpochSecond(-1), Instant.ofEpochSecond(1, 500));

    private final Random random;

    public RecordSamples(long seed) {
        random = new Random(seed);
    }

    String text() {
        return TEXTS.get(random.nextInt(TEXTS.size()));
    }

    Instant instant() {
        return random.nextInt(4) == 0 ? Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000))
                .truncatedTo(random.nextBoolean() ? java.time.temporal.ChronoUnit.MILLIS : java.time.temporal.ChronoUnit.NANOS)
                : INSTANTS.get(random.nextInt(INSTANTS.size()));
    }

    /** A task with each optional field set or not at random, every state and policy among them. */
    public Task task(int n) {
        List<String> labels = strings(0);
        Task.Builder b = Task.builder(random.nextInt(5) == 0 ? text() : "T-" + Integer.toString(n, 32), text())
                .spec(maybe(this::text))
                .state(TaskState.values()[n % TaskState.values().length])
                .assignee(maybe(this::text))
                .epoch(random.nextInt(3) == 0 ? 0 : random.nextInt(4) == 0 ? Long.MAX_VALUE - random.nextInt(3) : random.nextInt(100))
                .priority(random.nextInt(7) - 1)
                .labels(random.nextInt(4) == 0 ? null : labels)
                .base(maybe(this::text))
                .attempt(random.nextInt(5))
                .createdBy(maybe(this::text))
                .createdAt(maybe(this::instant))
                .updatedAt(maybe(this::instant))
                .grantedAt(maybe(this::instant))
                .leaseUntil(maybe(this::instant))
                .reason(maybe(this::text))
                .handoff(maybe(this::handoff))
                .mergedCommit(maybe(() -> "0123456789abcdef0123456789abcdef01234567"))
                .after(maybe(() -> strings(0)))
                .parent(maybe(this::text))
                .key(maybe(this::text))
                .specVersion(random.nextInt(4))
                .startedSpecVersion(maybe(() -> random.nextInt(4) - 1))
                .onBlockerFail(BlockerPolicy.values()[n % BlockerPolicy.values().length])
                .blocked(maybe(this::text))
                .reservations(maybe(() -> list(this::reservation)))
                .notBefore(maybe(this::instant));
        if (random.nextBoolean()) {
            b.addDependent(text()).addDependent(text());
        }
        if (random.nextBoolean()) {
            b.addChild("T-" + n + "a");
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            b.endAttempt(text(), instant());
        }
        Task t = b.build();
        // the history through the builder always has an assignee and instant; give some records nulls too
        if (t.history() != null && random.nextBoolean()) {
            List<AttemptRecord> h = new ArrayList<>(t.history());
            h.add(new AttemptRecord(random.nextInt(5), maybe(this::text), random.nextLong(), maybe(this::text),
                    maybe(this::instant)));
            t = new Task(t.id(), t.title(), t.spec(), t.state(), t.assignee(), t.epoch(), t.priority(), t.labels(),
                    t.base(), t.attempt(), t.createdBy(), t.createdAt(), t.updatedAt(), t.grantedAt(), t.leaseUntil(),
                    t.reason(), t.handoff(), t.mergedCommit(), h, t.after(), t.dependents(), t.parent(), t.children(),
                    t.key(), t.specVersion(), t.startedSpecVersion(), t.onBlockerFail(), t.blocked(),
                    t.reservations(), t.notBefore());
        }
        return t;
    }

    Handoff handoff() {
        return new Handoff(maybe(this::text), maybe(this::text), maybe(this::text), maybe(this::text), maybe(this::text));
    }

    Reservation reservation() {
        return new Reservation(text(), random.nextBoolean(), maybe(this::instant));
    }

    /** A distinct, sorted list of 0 to 3 texts (more than {@code min}). */
    List<String> strings(int min) {
        java.util.TreeSet<String> s = new java.util.TreeSet<>();
        for (int i = min + random.nextInt(4); i > 0; i--) {
            s.add(text());
        }
        return List.copyOf(s);
    }

    <T> List<T> list(java.util.function.Supplier<T> one) {
        List<T> out = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            out.add(one.get());
        }
        return out;
    }

    <T> T maybe(java.util.function.Supplier<T> value) {
        return random.nextInt(3) == 0 ? null : value.get();
    }

    /**
     * A record of {@code type} with every component filled at random by its type (null a third of the time where
     * it may be), or null when its constructor refuses what was drawn.
     */
    <T extends Record> T record(Class<T> type) {
        RecordComponent[] rc = type.getRecordComponents();
        Object[] args = new Object[rc.length];
        Class<?>[] params = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            params[i] = rc[i].getType();
            args[i] = value(rc[i].getGenericType(), 0);
        }
        try {
            Constructor<T> c = type.getDeclaredConstructor(params);
            return c.newInstance(args);
        } catch (InvocationTargetException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object value(Type type, int depth) {
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
        if (raw == int.class) {
            return random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(10);
        }
        if (raw == long.class) {
            return random.nextInt(3) == 0 ? random.nextLong() : (long) random.nextInt(1000);
        }
        if (raw == boolean.class) {
            return random.nextBoolean();
        }
        if (random.nextInt(3) == 0) {
            return null;
        }
        if (raw == String.class) {
            return text();
        }
        if (raw == Integer.class) {
            return random.nextInt(10) - 2;
        }
        if (raw == Long.class) {
            return (long) random.nextInt(1000);
        }
        if (raw == Boolean.class) {
            return random.nextBoolean();
        }
        if (raw == Instant.class) {
            return instant();
        }
        if (raw.isEnum()) {
            Object[] values = raw.getEnumConstants();
            return values[random.nextInt(values.length)];
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>();
            for (int i = random.nextInt(depth > 0 ? 2 : 4); i > 0; i--) {
                Object v = value(element, depth + 1);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        if (raw.isRecord()) {
            @SuppressWarnings("unchecked")
            Class<? extends Record> r = (Class<? extends Record>) raw;
            return record(r);
        }
        throw new IllegalArgumentException("no sample for " + type);
    }
}
