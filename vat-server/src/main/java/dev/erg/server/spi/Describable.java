package dev.erg.server.spi;

import dev.erg.vat.Promise;
import java.util.List;
import java.util.Map;

/**
 * The convention by which an object lists the methods it answers, for tools such as
 * {@code vat-server describe} and {@code vat-server call}: it answers a message
 * {@code describe} without arguments with a list of plain-data maps, one per method,
 *
 * <pre>
 * {"name": "increment", "parameters": [{"name": "by", "type": "integer"}], "returns": "integer"}
 * </pre>
 *
 * whose types are those of {@link Descriptions#typeName}. Opting in is a choice: a remote
 * interface extends this one and its implementation answers
 * {@code Promise.of(Descriptions.of(TheInterface.class))}. An object that does not opt in
 * reveals nothing, and tools call it with their arguments as they are.
 */
public interface Describable {

    /** One map per method this object answers, as the class comment shows. */
    Promise<List<Map<String, Object>>> describe();
}
