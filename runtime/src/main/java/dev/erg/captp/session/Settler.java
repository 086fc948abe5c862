package dev.erg.captp.session;

import dev.erg.vat.Resolver;

/**
 * An object we export so that the peer can settle one of our promises: the answer to a
 * question we asked, or an imported promise we listen to. The peer sends it {@code fulfill}
 * or {@code break}; the session handles these itself.
 *
 * @param resolver   settles our promise
 * @param answerType what the value should become (a remote interface), or {@code Object}
 * @param question   the question this answers, or -1 for a promise we listen to
 * @param promise    the import position of the promise we listen to, or -1 for a question
 */
record Settler(Resolver<Object> resolver, Class<?> answerType, long question, long promise) {
}
