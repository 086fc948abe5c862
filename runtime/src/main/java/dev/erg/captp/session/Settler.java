package dev.erg.captp.session;

import dev.erg.vat.Resolver;

/**
 * An object we export so that the peer can settle one of our promises: the answer to a
 * question we asked, or an imported promise we listen to. The peer sends it {@code fulfill}
 * or {@code break}; the session handles these itself.
 *
 * <p>Equal only to itself: each is exported once, and the export table finds it by identity,
 * which costs no hashing of the resolver and the answer type on every call.
 */
final class Settler {

    private final Resolver<Object> resolver;
    private final Class<?> answerType;
    private final long question;
    /** Where messages sent to the question's answer went while it was pending; null for a promise. */
    private final Remote pipeline;
    private final long promise;

    /**
     * @param resolver   settles our promise
     * @param answerType what the value should become (a remote interface), or {@code Object}
     * @param question   the question this answers, or -1 for a promise we listen to
     * @param pipeline   the question's answer as a target of pipelined messages, or null for a promise
     * @param promise    the import position of the promise we listen to, or -1 for a question
     */
    Settler(Resolver<Object> resolver, Class<?> answerType, long question, Remote pipeline, long promise) {
        this.resolver = resolver;
        this.answerType = answerType;
        this.question = question;
        this.pipeline = pipeline;
        this.promise = promise;
    }

    /** Settles our promise. */
    Resolver<Object> resolver() {
        return resolver;
    }

    /** What the value should become (a remote interface), or {@code Object}. */
    Class<?> answerType() {
        return answerType;
    }

    /** The question this answers, or -1 for a promise we listen to. */
    long question() {
        return question;
    }

    /** The question's answer as a target of pipelined messages, or null for a promise we listen to. */
    Remote pipeline() {
        return pipeline;
    }

    /** The import position of the promise we listen to, or -1 for a question. */
    long promise() {
        return promise;
    }

    @Override
    public String toString() {
        return "Settler[question=" + question + ", promise=" + promise + "]";
    }
}
