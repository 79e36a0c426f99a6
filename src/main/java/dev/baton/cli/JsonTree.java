package dev.baton.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.store.RecordJson;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * JSON trees for the CLI's {@code --json} output, made and written without an ObjectMapper: a record becomes the tree
 * {@code Json.MAPPER.valueToTree} makes of it (keys sorted, nulls left out), and a tree of objects, arrays, text,
 * whole numbers, booleans and nulls is written as {@link Json#line} writes it. Only Jackson's small tree classes load.
 */
public final class JsonTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTree() {
    }

    /** An empty object node. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** The tree of a record, as the mapper makes it. */
    public static ObjectNode of(Record record) {
        try (JsonParser p = RecordJson.FACTORY.createParser(RecordJson.line(record))) {
            p.nextToken();
            return (ObjectNode) read(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back the JSON of " + record.getClass().getSimpleName(), e);
        }
    }

    private static JsonNode read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    o.set(key, read(p));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IllegalStateException("unexpected " + t + " in a record's JSON");
        }
    }

    /**
     * One compact line, as {@link Json#line} writes {@code node}; null when the tree holds a node this writer does
     * not know (a fractional number, a POJO, binary data), which the caller then writes with the mapper.
     */
    public static String line(ObjectNode node) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = RecordJson.FACTORY.createGenerator(out)) {
            if (!write(g, node)) {
                return null;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        return out.toString();
    }

    private static boolean write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    g.writeFieldName(e.getKey());
                    if (!write(g, e.getValue())) {
                        return false;
                    }
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode n : node) {
                    if (!write(g, n)) {
                        return false;
                    }
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    default -> {
                        return false;
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
