package dev.erg.server.durable;

import dev.erg.crypto.SwissNumber;

/**
 * A durable object made by a turn, with the swiss number of its sturdy ref.
 *
 * @param object the new object
 * @param swiss  what its sturdy ref carries
 */
record Made(Live object, SwissNumber swiss) {
}
