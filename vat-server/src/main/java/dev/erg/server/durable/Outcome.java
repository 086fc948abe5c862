package dev.erg.server.durable;

import dev.erg.vat.Problem;

/** The outcome of running one method in a turn: the value it answered, or the problem it broke with. */
record Outcome(Object value, Problem problem) {
}
