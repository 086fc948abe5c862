package dev.erg.wire.codec;

import dev.erg.vat.Passable;
import dev.erg.vat.Problem;
import dev.erg.wire.codec.Descriptor.Answer;
import dev.erg.wire.codec.Descriptor.Export;
import dev.erg.wire.codec.Descriptor.HandoffGive;
import dev.erg.wire.codec.Descriptor.HandoffReceive;
import dev.erg.wire.codec.Descriptor.ImportObject;
import dev.erg.wire.codec.Descriptor.ImportPromise;
import dev.erg.wire.codec.Descriptor.SignedEnvelope;
import dev.erg.wire.codec.Message.Abort;
import dev.erg.wire.codec.Message.Deliver;
import dev.erg.wire.codec.Message.DeliverOnly;
import dev.erg.wire.codec.Message.Disembargo;
import dev.erg.wire.codec.Message.DisembargoPromise;
import dev.erg.wire.codec.Message.GcAnswers;
import dev.erg.wire.codec.Message.GcExports;
import dev.erg.wire.codec.Message.Get;
import dev.erg.wire.codec.Message.Index;
import dev.erg.wire.codec.Message.Listen;
import dev.erg.wire.codec.Message.StartSession;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.cbor.CBORParser;

/**
 * Renders values, messages and CBOR token streams in CBOR diagnostic notation (RFC 8949
 * section 8), the language-neutral meaning the vectors in {@code spec/vectors} state. Integers
 * are decimal at any size, floats as Java prints them with a lowercase exponent that always has
 * a sign, strings JSON-escaped, byte strings as {@code h'…'}.
 */
final class Diagnostic {

    private static final HexFormat HEX = HexFormat.of();

    private Diagnostic() {
    }

    /** The diagnostic notation of a decoded value or message, as the codec encodes it. */
    static String render(Object value) {
        return switch (value) {
            case null -> "null";
            case Boolean b -> b.toString();
            case Long n -> n.toString();
            case Integer n -> n.toString();
            case Short n -> n.toString();
            case Byte n -> n.toString();
            case BigInteger n -> n.toString();
            case BigDecimal d -> tagged(Tag.DECIMAL, (long) -d.scale(), d.unscaledValue());
            case Double d -> floating(d);
            case Float f -> floating(f);
            case String s -> quote(s);
            case Character c -> quote(c.toString());
            case byte[] bytes -> "h'" + HEX.formatHex(bytes) + "'";
            case Bytes bytes -> bytes.toString();
            case List<?> list -> list(list);
            case Map<?, ?> map -> {
                StringJoiner joiner = new StringJoiner(", ", "{", "}");
                map.forEach((k, v) -> joiner.add(render(k) + ": " + render(v)));
                yield joiner.toString();
            }
            case Problem p -> tagged(Tag.PROBLEM, p.kind(), p.message());
            case Message m -> message(m);
            case Descriptor d -> descriptor(d);
            case Enum<?> e -> tagged(Tag.ENUM, wireName(e.getDeclaringClass()), e.name());
            case Record r -> record(r);
            default -> throw new IllegalArgumentException("cannot render " + value.getClass());
        };
    }

    private static String record(Record record) {
        List<Object> items = new ArrayList<>();
        items.add(wireName(record.getClass()));
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                var accessor = component.getAccessor();
                accessor.setAccessible(true);
                items.add(accessor.invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new AssertionError(e);
            }
        }
        return Tag.RECORD + "(" + list(items) + ")";
    }

    private static String wireName(Class<?> type) {
        return type.getAnnotation(Passable.class).value();
    }

    private static String descriptor(Descriptor descriptor) {
        return switch (descriptor) {
            case ImportObject d -> Tag.IMPORT_OBJECT + "(" + d.position() + ")";
            case ImportPromise d -> Tag.IMPORT_PROMISE + "(" + d.position() + ")";
            case Export d -> Tag.EXPORT + "(" + d.position() + ")";
            case Answer d -> Tag.ANSWER + "(" + d.position() + ")";
            case HandoffGive g -> tagged(Tag.HANDOFF_GIVE, g.receiverKey(), g.exporterVatId(),
                    g.exporterHints(), g.session(), g.gifterSide(), g.giftId());
            case HandoffReceive r -> tagged(Tag.HANDOFF_RECEIVE, r.receivingSession(), r.receivingSide(),
                    r.handoffCount(), r.signedGive());
            case SignedEnvelope<?> e -> tagged(Tag.SIGNED_ENVELOPE, e.signed(), e.signature());
        };
    }

    private static String message(Message message) {
        return switch (message) {
            case StartSession m -> tagged(Tag.MESSAGE, 0, m.version(), m.vatId(), m.locationHints());
            case DeliverOnly m -> traced(tagged(Tag.MESSAGE, 1, m.target(), m.method(), m.args()), m.trace());
            case Deliver m -> traced(tagged(Tag.MESSAGE, 2, m.target(), m.method(), m.args(),
                    m.answerPosition().isPresent() ? m.answerPosition().getAsLong() : null,
                    m.resolver().orElse(null)), m.trace());
            case Abort m -> tagged(Tag.MESSAGE, 3, m.reason());
            case Listen m -> tagged(Tag.MESSAGE, 4, m.target(), m.listener(), m.wantsPartial());
            case GcExports m -> tagged(Tag.MESSAGE, 5, m.positions(), m.wireDeltas());
            case GcAnswers m -> tagged(Tag.MESSAGE, 6, m.positions());
            case Get m -> tagged(Tag.MESSAGE, 7, m.target(), m.field(), m.answerPosition());
            case Index m -> tagged(Tag.MESSAGE, 8, m.target(), m.index(), m.answerPosition());
            case Disembargo m -> tagged(Tag.MESSAGE, 9, m.target(), m.embargoId());
            case DisembargoPromise m -> tagged(Tag.MESSAGE, 10, m.target(), m.embargoId());
            case Message.Untag m -> throw new IllegalArgumentException("untag has no erg/1 form");
        };
    }

    /** A deliver's rendering with its trace context, if any, as one more item. */
    private static String traced(String rendered, java.util.Optional<dev.erg.trace.TraceContext> trace) {
        return trace.map(t -> rendered.substring(0, rendered.length() - 2) + ", "
                + render(Bytes.of(t.toBytes())) + "])").orElse(rendered);
    }

    private static String tagged(int tag, Object... items) {
        return tag + "(" + list(Arrays.asList(items)) + ")";
    }

    private static String list(List<?> list) {
        StringJoiner joiner = new StringJoiner(", ", "[", "]");
        list.forEach(item -> joiner.add(render(item)));
        return joiner.toString();
    }

    static String floating(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        String text = Double.toString(d).replace('E', 'e');
        return text.contains("e") && !text.contains("e-") ? text.replace("e", "e+") : text;
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * The diagnostic notation of the item at {@code parser}'s current token, as Jackson's CBOR
     * parser reads it: an implementation independent of the codec under test.
     */
    static String render(CBORParser parser) {
        boolean tagged = !parser.getCurrentTags().isEmpty();
        String prefix = tagged ? parser.getCurrentTag() + "(" : "";
        String suffix = tagged ? ")" : "";
        JsonToken token = parser.currentToken();
        String body = switch (token) {
            case START_ARRAY -> {
                StringJoiner joiner = new StringJoiner(", ", "[", "]");
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    joiner.add(render(parser));
                }
                yield joiner.toString();
            }
            case START_OBJECT -> {
                StringJoiner joiner = new StringJoiner(", ", "{", "}");
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String key = quote(parser.currentName());
                    parser.nextToken();
                    joiner.add(key + ": " + render(parser));
                }
                yield joiner.toString();
            }
            case VALUE_STRING -> quote(parser.getString());
            case VALUE_NUMBER_INT -> parser.getNumberValue().toString();
            case VALUE_NUMBER_FLOAT -> floating(parser.getDoubleValue());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            case VALUE_EMBEDDED_OBJECT -> "h'" + HEX.formatHex(parser.getBinaryValue()) + "'";
            default -> throw new IllegalStateException("unexpected token " + token);
        };
        return prefix + body + suffix;
    }
}
