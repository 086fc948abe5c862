package dev.erg.ocapn.syrup;

import dev.erg.wire.NotPassableException;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.Bytes;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generic Syrup codec: every Syrup value, whether or not OCapN passes it, to and from
 * plain Java values. It serves the specification's examples, diagnostics and tests; CapTP
 * messages and their arguments are read by the OCapN layer ({@link Passables}) on the same
 * {@link SyrupReader} and {@link SyrupWriter}.
 *
 * <table>
 *   <caption>Syrup values and their Java types</caption>
 *   <tr><th>Syrup</th><th>decoded as</th><th>encoded from</th></tr>
 *   <tr><td>{@code t}, {@code f}</td><td>{@link Boolean}</td><td>{@link Boolean}</td></tr>
 *   <tr><td>integer</td><td>{@link Long}, else {@link BigInteger}</td>
 *       <td>{@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link BigInteger}</td></tr>
 *   <tr><td>{@code D}</td><td>{@link Double}</td><td>{@link Double}</td></tr>
 *   <tr><td>{@code F}</td><td>{@link Float}</td><td>{@link Float}</td></tr>
 *   <tr><td>byte string</td><td>{@link Bytes}</td><td>{@link Bytes}, {@code byte[]}</td></tr>
 *   <tr><td>string</td><td>{@link String}</td><td>{@link String}</td></tr>
 *   <tr><td>symbol</td><td>{@link Symbol}</td><td>{@link Symbol}</td></tr>
 *   <tr><td>list</td><td>unmodifiable {@link List}</td><td>{@link List}</td></tr>
 *   <tr><td>dictionary</td><td>unmodifiable {@link Map}, in canonical order</td><td>{@link Map}</td></tr>
 *   <tr><td>set</td><td>unmodifiable {@link Set}, in canonical order</td><td>{@link Set}</td></tr>
 *   <tr><td>record</td><td>{@link SyrupRecord}</td><td>{@link SyrupRecord}</td></tr>
 * </table>
 */
public final class Syrup {

    private Syrup() {
    }

    /**
     * The one value {@code bytes} hold.
     *
     * @throws SyrupException if they are not exactly one canonical Syrup value within {@code limits}
     */
    public static Object decode(byte[] bytes, WireLimits limits) {
        SyrupReader in = SyrupReader.of(bytes, limits);
        Object value = read(in);
        in.expectEnd();
        return value;
    }

    /**
     * The canonical encoding of {@code value}.
     *
     * @throws NotPassableException if it holds a Java value outside the table above, or breaks
     *                              {@code limits}
     */
    public static byte[] encode(Object value, WireLimits limits) {
        SyrupWriter out = new SyrupWriter(Unpooled.buffer(), limits);
        write(out, value);
        out.finish();
        return out.toByteArray();
    }

    /** Reads the next value, of any kind. */
    public static Object read(SyrupReader in) {
        return switch (in.peek()) {
            case BOOLEAN -> in.readBoolean();
            case FLOAT32 -> in.readFloat32();
            case FLOAT64 -> in.readFloat64();
            case INTEGER -> in.readInteger();
            case BYTES -> Bytes.of(in.readBytes());
            case STRING -> in.readString();
            case SYMBOL -> new Symbol(in.readSymbol());
            case LIST -> {
                in.enter(SyrupKind.LIST);
                List<Object> items = new ArrayList<>();
                while (!in.closes()) {
                    items.add(read(in));
                }
                yield Collections.unmodifiableList(items);
            }
            case DICTIONARY -> {
                in.enter(SyrupKind.DICTIONARY);
                Map<Object, Object> entries = new LinkedHashMap<>();
                while (!in.closes()) {
                    Object key = read(in);
                    entries.put(key, read(in));
                }
                yield Collections.unmodifiableMap(entries);
            }
            case SET -> {
                in.enter(SyrupKind.SET);
                Set<Object> items = new LinkedHashSet<>();
                while (!in.closes()) {
                    items.add(read(in));
                }
                yield Collections.unmodifiableSet(items);
            }
            case RECORD -> {
                in.enter(SyrupKind.RECORD);
                Object label = read(in);
                List<Object> fields = new ArrayList<>();
                while (!in.closes()) {
                    fields.add(read(in));
                }
                yield new SyrupRecord(label, fields);
            }
        };
    }

    /** Writes {@code value}, one of the Java types of the table above. */
    public static void write(SyrupWriter out, Object value) {
        switch (value) {
            case Boolean b -> out.bool(b);
            case Byte n -> out.integer(n);
            case Short n -> out.integer(n);
            case Integer n -> out.integer(n);
            case Long n -> out.integer(n);
            case BigInteger n -> out.integer(n);
            case Double d -> out.float64(d);
            case Float f -> out.float32(f);
            case Bytes b -> out.bytes(b.toByteArray());
            case byte[] b -> out.bytes(b);
            case String s -> out.string(s);
            case Symbol s -> out.symbol(s.name());
            case List<?> list -> {
                out.open(SyrupKind.LIST);
                for (Object item : list) {
                    write(out, item);
                }
                out.close();
            }
            case Map<?, ?> map -> out.dictionary(map.entrySet(), Syrup::write, Syrup::write);
            case Set<?> set -> out.set(set, Syrup::write);
            case SyrupRecord record -> {
                out.open(SyrupKind.RECORD);
                write(out, record.label());
                for (Object field : record.fields()) {
                    write(out, field);
                }
                out.close();
            }
            case null -> throw new NotPassableException("null, which Syrup has no value for");
            default -> throw new NotPassableException(value.getClass().getName() + ", which Syrup has no value for");
        }
    }
}
