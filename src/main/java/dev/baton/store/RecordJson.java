package dev.baton.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The board's records (tasks, leases, command arguments, worktree records) as JSON, with jackson-core's streaming
 * parser and generator only: a command reads and writes them without building an ObjectMapper.
 *
 * <p>It writes what the CLI's Jackson mapper ({@code dev.baton.cli.Json}) writes, byte for byte: a record's components
 * as keys sorted alphabetically, null components left out, empty lists kept, enums by name, times as ISO-8601 text
 * ({@link Instant#toString()}), map entries by sorted key. It reads as strictly: a key the record does not have, a
 * value of the wrong JSON type, a key given twice or anything after the value is refused ({@link JsonParseException});
 * a missing or null component is null (0 or false for a primitive), and the record's constructor decides whether that
 * will do.
 */
public final class RecordJson {

    /** The defaults of the factory a JsonMapper builds on; the CLI's JSON trees (JsonTree) are read and written with it. */
    public static final JsonFactory FACTORY = new JsonFactory();

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private RecordJson() {
    }

    /**
     * Works out ahead of use how records of these types are read and written (their components, by reflection, and
     * those of the records they hold), so that a short-lived process can do it on a second thread meanwhile.
     */
    public static void prepare(Class<?>... types) {
        for (Class<?> type : types) {
            shape(type);
        }
    }

    /** One compact line, as the CLI's mapper ({@code dev.baton.cli.Json#line}) writes it. */
    public static String line(Object value) {
        return write(value, false);
    }

    /** Pretty printed with Jackson's default pretty printer, without a final newline. */
    public static String pretty(Object value) {
        return write(value, true);
    }

    private static String write(Object value, boolean pretty) {
        // through a Writer, as ObjectMapper#writeValueAsString does: text is escaped alike, surrogates and all
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            writeValue(g, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
        return out.toString();
    }

    /** The record of type {@code type} that {@code bytes} hold (UTF-8 JSON, one object). */
    public static <T> T read(byte[] bytes, Class<T> type) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            return readRoot(p, type);
        }
    }

    /** The record of type {@code type} that {@code text} holds (JSON, one object). */
    public static <T> T read(String text, Class<T> type) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return readRoot(p, type);
        }
    }

    private static <T> T readRoot(JsonParser p, Class<T> type) throws IOException {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        String what = "a " + type.getSimpleName() + " record";
        start(p, what);
        T value = type.cast(readRecord(p, type));
        end(p, what);
        return value;
    }

    // ---- the shared pieces: what a hand-written codec builds on too ------------------------------------------

    /** Moves to the first token of a document, refusing an empty one. */
    static void start(JsonParser p, String what) throws IOException {
        if (p.nextToken() == null) {
            throw error(p, "no content: expected " + what);
        }
    }

    /** Refuses anything after the document's one value. */
    static void end(JsonParser p, String what) throws IOException {
        if (p.nextToken() != null) {
            throw error(p, "unexpected " + describe(p.currentToken()) + " after " + what);
        }
    }

    /** Called with each key of an object, the parser at the key's value, which it must read whole. */
    @FunctionalInterface
    interface Field {
        void read(String key, JsonParser p) throws IOException;
    }

    /**
     * Reads the object the parser is at, key by key: each key is handed to {@code field} once (a repeated key is
     * refused). {@code what} names the object in messages ("a Task record").
     */
    static void object(JsonParser p, String what, Field field) throws IOException {
        expect(p, JsonToken.START_OBJECT, what, "an object");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            if (!seen.add(key)) {
                throw error(p, "key \"" + key + "\" appears twice in " + what);
            }
            p.nextToken();
            field.read(key, p);
        }
    }

    /** The value the parser is at, as {@code type} (null for JSON null); {@code where} names it in messages. */
    static Object value(JsonParser p, Type type, String where) throws IOException {
        JsonToken t = p.currentToken();
        Class<?> raw = raw(type);
        if (t == JsonToken.VALUE_NULL) {
            return raw.isPrimitive() ? zero(raw) : null;
        }
        if (raw == String.class) {
            expect(p, JsonToken.VALUE_STRING, where, "text");
            return p.getText();
        }
        if (raw == int.class || raw == Integer.class) {
            expect(p, JsonToken.VALUE_NUMBER_INT, where, "a whole number");
            return p.getIntValue();
        }
        if (raw == long.class || raw == Long.class) {
            expect(p, JsonToken.VALUE_NUMBER_INT, where, "a whole number");
            return p.getLongValue();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                throw wrongType(p, where, "true or false");
            }
            return t == JsonToken.VALUE_TRUE;
        }
        if (raw == Instant.class) {
            expect(p, JsonToken.VALUE_STRING, where, "an ISO-8601 time");
            try {
                return Instant.parse(p.getText().trim());
            } catch (DateTimeParseException e) {
                throw error(p, "\"" + p.getText() + "\" for " + where + " is not an ISO-8601 time");
            }
        }
        if (raw.isEnum()) {
            expect(p, JsonToken.VALUE_STRING, where, "a name");
            for (Object c : raw.getEnumConstants()) {
                if (((Enum<?>) c).name().equals(p.getText())) {
                    return c;
                }
            }
            throw error(p, "\"" + p.getText() + "\" for " + where + " is not one of "
                    + Arrays.toString(raw.getEnumConstants()));
        }
        if (raw == List.class) {
            expect(p, JsonToken.START_ARRAY, where, "an array");
            Type element = argument(type, 0);
            List<Object> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(value(p, element, "an element of " + where));
            }
            return list;
        }
        if (raw == Map.class) {
            Type content = argument(type, 1);
            Map<String, Object> map = new TreeMap<>();
            object(p, where, (key, q) -> map.put(key, value(q, content, "\"" + key + "\" in " + where)));
            return map;
        }
        if (raw.isRecord()) {
            return readRecord(p, raw);
        }
        throw new IllegalArgumentException("no JSON form for " + type);
    }

    /** A JSON error at the parser's place: refused input, as Jackson refuses it. */
    static JsonParseException error(JsonParser p, String message) {
        var at = p.currentLocation();
        return new JsonParseException(p, message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")",
                (com.fasterxml.jackson.core.JsonLocation) null);
    }

    private static void expect(JsonParser p, JsonToken token, String where, String wanted) throws IOException {
        if (p.currentToken() != token) {
            throw wrongType(p, where, wanted);
        }
    }

    private static JsonParseException wrongType(JsonParser p, String where, String wanted) {
        return error(p, "expected " + wanted + " for " + where + ", found " + describe(p.currentToken()));
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type type, int i) {
        if (type instanceof ParameterizedType pt) {
            return pt.getActualTypeArguments()[i];
        }
        throw new IllegalArgumentException("no element type in " + type);
    }

    private static Object zero(Class<?> primitive) {
        if (primitive == boolean.class) {
            return false;
        }
        return primitive == long.class ? (Object) 0L : (Object) 0;
    }

    // ---- records -------------------------------------------------------------------------------------------

    /** A record type's components sorted by name, with what reads and writes them. */
    private record Shape(String name, String[] keys, Type[] types, Method[] accessors, int[] slots,
                         Map<String, Integer> byKey, Constructor<?> constructor, int arity) {

        static Shape of(Class<?> type) {
            RecordComponent[] rc = type.getRecordComponents();
            int[] order = new int[rc.length]; // component indexes by name (an insertion sort: a record has few)
            for (int i = 0; i < rc.length; i++) {
                int j = i;
                for (; j > 0 && rc[order[j - 1]].getName().compareTo(rc[i].getName()) > 0; j--) {
                    order[j] = order[j - 1];
                }
                order[j] = i;
            }
            String[] keys = new String[rc.length];
            Type[] types = new Type[rc.length];
            Method[] accessors = new Method[rc.length];
            int[] slots = new int[rc.length];
            Map<String, Integer> byKey = new HashMap<>();
            Class<?>[] params = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                RecordComponent c = rc[order[i]];
                keys[i] = c.getName();
                types[i] = c.getGenericType();
                accessors[i] = c.getAccessor();
                accessors[i].setAccessible(true);
                slots[i] = order[i];
                byKey.put(keys[i], i);
                params[order[i]] = rc[order[i]].getType();
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(params);
                constructor.setAccessible(true);
                return new Shape(type.getSimpleName(), keys, types, accessors, slots, byKey, constructor, rc.length);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " has no canonical constructor", e);
            }
        }
    }

    private static Shape shape(Class<?> type) {
        return SHAPES.computeIfAbsent(type, Shape::of);
    }

    private static Object readRecord(JsonParser p, Class<?> type) throws IOException {
        Shape s = shape(type);
        String what = "a " + s.name() + " record";
        Object[] args = new Object[s.arity()];
        object(p, what, (key, q) -> {
            Integer i = s.byKey().get(key);
            if (i == null) {
                throw error(q, "unknown key \"" + key + "\" in " + what);
            }
            args[s.slots()[i]] = value(q, s.types()[i], "\"" + key + "\" in " + what);
        });
        for (int i = 0; i < s.arity(); i++) {
            Class<?> t = raw(s.types()[i]);
            if (args[s.slots()[i]] == null && t.isPrimitive()) {
                args[s.slots()[i]] = zero(t);
            }
        }
        try {
            return s.constructor().newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw error(p, "cannot make " + what + " of it: " + (cause instanceof NullPointerException
                    ? "a required key is missing or null" + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")")
                    : String.valueOf(cause.getMessage())));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + what, e);
        }
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Instant t) {
            g.writeString(t.toString());
        } else if (value instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (value instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : (m instanceof java.util.SortedMap<?, ?> ? m : new TreeMap<>(m)).entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Record r) {
            writeRecord(g, r);
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass());
        }
    }

    private static void writeRecord(JsonGenerator g, Record r) throws IOException {
        Shape s = shape(r.getClass());
        g.writeStartObject();
        for (int i = 0; i < s.keys().length; i++) {
            Object v;
            try {
                v = s.accessors()[i].invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + s.keys()[i] + " of " + s.name(), e);
            }
            if (v != null) {
                g.writeFieldName(s.keys()[i]);
                writeValue(g, v);
            }
        }
        g.writeEndObject();
    }
}
