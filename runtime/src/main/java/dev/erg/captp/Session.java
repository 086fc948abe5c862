package dev.erg.captp;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.RemoteTarget;
import dev.erg.vat.Resolver;
import dev.erg.vat.Vat;
import dev.erg.wire.Descriptor;
import dev.erg.wire.Message;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.ProtocolError;
import dev.erg.wire.ProtocolException;
import dev.erg.wire.ReferenceDecoder;
import dev.erg.wire.ReferenceEncoder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One CapTP session with one peer, as a state machine that does no I/O: it is fed the
 * messages the peer sent ({@link #receive}) and puts the messages it sends into an
 * {@link Outbound}. It keeps the four tables of CapTP:
 *
 * <ul>
 * <li><b>exports</b>: our objects and promises the peer may use, by position (0 is our
 *     bootstrap object);</li>
 * <li><b>imports</b>: the peer's exports we hold, each a {@link RemoteTarget} behind our
 *     eventual references;</li>
 * <li><b>questions</b>: our messages whose answers the peer will send, each answered by
 *     {@code fulfill} or {@code break} to a settler we exported with the question;</li>
 * <li><b>answers</b>: the promises for the peer's questions, by the position the peer chose,
 *     so that it can pipeline messages to them before they settle.</li>
 * </ul>
 *
 * <p>Messages the peer sends are delivered through {@link Ref#send}, so they reach objects in
 * their own vats' turns; the session's own {@link Vat} runs only its bookkeeping turns
 * (sending answers back). When the connection is lost, {@link #lost} breaks every question,
 * every imported promise and every reference to the peer with the same problem.
 *
 * <p>Thread-safe. The session's lock guards its tables and is never held while calling into
 * promises, so it cannot deadlock with their locks.
 */
public final class Session {

    private final Vat vat;
    private final Outbound out;
    private final String peerName;
    private final ExportTable exports;
    private final Map<Long, Remote> imports = new HashMap<>();
    private final Map<Long, Promise<Object>> importedPromises = new HashMap<>();
    private final Map<Long, Promise<Object>> answers = new HashMap<>();
    private final Map<Long, Remote> questions = new HashMap<>();
    private long nextQuestion;
    private volatile Problem problem;

    /**
     * @param vat       runs the session's own turns: watching answers to send them back
     * @param out       where messages to the peer go
     * @param bootstrap what the peer finds at our export position 0
     * @param peerName  names the peer in problems, e.g. its vat id
     */
    public Session(Vat vat, Outbound out, Object bootstrap, String peerName) {
        this.vat = vat;
        this.out = out;
        this.peerName = peerName;
        this.exports = new ExportTable(bootstrap);
    }

    /** The peer's bootstrap object (its export 0), untyped; see {@link Ref#asType}. */
    public RemoteTarget peerBootstrap() {
        return importOf(0);
    }

    /** Maps the references in messages we send to descriptors; for the network layer's encoder. */
    public ReferenceEncoder encoder() {
        return this::describe;
    }

    /** Maps descriptors in messages from the peer to objects; for the network layer's decoder. */
    public ReferenceDecoder decoder() {
        return this::resolve;
    }

    /** Why the session ended, or null while it lasts. */
    public Problem problem() {
        return problem;
    }

    String peerName() {
        return peerName;
    }

    /**
     * Acts on one message from the peer.
     *
     * @throws ProtocolException if the message breaks the session's rules (an unknown
     *                           position, an answer position in use); the caller aborts
     */
    public void receive(Message message) {
        switch (message) {
            case Message.Deliver d -> deliver(d);
            case Message.DeliverOnly d -> deliverOnly(d);
            case Message.Listen l -> listen(l);
            case Message.GcExports gc -> gcExports(gc);
            case Message.GcAnswers gc -> gcAnswers(gc);
            case Message.Get get -> unsupported(get.answerPosition(), "get");
            case Message.Index index -> unsupported(index.answerPosition(), "index");
            case Message.StartSession s -> throw protocol("start-session in an open session");
            case Message.Abort a -> throw protocol("abort must be handled by the connection");
        }
    }

    /**
     * Ends the session: every question, every imported promise and every reference to the
     * peer breaks with {@code why}. Idempotent.
     */
    public void lost(Problem why) {
        List<Settler> settlers;
        synchronized (this) {
            if (problem != null) {
                return;
            }
            problem = why;
            settlers = exports.settlers();
            questions.clear();
            answers.clear();
        }
        for (Settler s : settlers) {
            try {
                s.resolver().reject(why);
            } catch (IllegalStateException alreadySettled) {
                // It settled in the meantime: nothing to break.
            }
        }
    }

    /** Sizes of the four tables, for tests and metrics: exports, imports, questions, answers. */
    public synchronized int[] tableSizes() {
        return new int[] {exports.size(), imports.size(), questions.size(), answers.size()};
    }

    // ---- sending ----

    /** Sends a message to {@code target} at the peer; returns the pipeline of its answer. */
    RemoteTarget sendTo(Descriptor.Target target, String method, Object[] args, Class<?> answerType,
                        Resolver<Object> answer) {
        Problem gone = problem;
        if (gone != null) {
            if (answer != null) {
                answer.reject(gone);
            }
            return null;
        }
        List<Object> arguments = Arrays.asList(args == null ? new Object[0] : args);
        try {
            synchronized (this) {
                if (answer == null) {
                    out.send(new Message.DeliverOnly(target, method, arguments));
                    return null;
                }
                long question = nextQuestion++;
                Remote pipeline = new Remote(this, new Descriptor.Answer(question));
                questions.put(question, pipeline);
                long settler = exports.export(new Settler(answer, answerType, question));
                out.send(new Message.Deliver(target, method, arguments, OptionalLong.of(question),
                        Optional.of(new Descriptor.ImportObject(settler))));
                return pipeline;
            }
        } catch (NotPassableException e) {
            if (answer != null) {
                answer.reject(e.problem());
                return null;
            }
            throw e;
        }
    }

    // ---- receiving ----

    private void deliver(Message.Deliver d) {
        Object target = targetOf(d.target());
        Promise<Object> answer = Ref.send(target, d.method(), d.args().toArray());
        if (d.answerPosition().isPresent()) {
            long position = d.answerPosition().getAsLong();
            synchronized (this) {
                if (answers.putIfAbsent(position, answer) != null) {
                    throw protocol("answer position " + position + " is already in use");
                }
            }
        }
        d.resolver().ifPresent(settler -> reportTo(answer, importOf(settler)));
    }

    private void deliverOnly(Message.DeliverOnly d) {
        Object target = targetOf(d.target());
        if (target instanceof Settler settler && d.target() instanceof Descriptor.Export export) {
            settle(settler, export.position(), d.method(), d.args());
        } else {
            Ref.sendOnly(target, d.method(), d.args().toArray());
        }
    }

    private void settle(Settler settler, long position, String method, List<Object> args) {
        if (args.size() != 1) {
            throw protocol(method + " takes one argument, got " + args.size());
        }
        Object value = args.getFirst();
        synchronized (this) {
            exports.remove(position);
            questions.remove(settler.question());
        }
        switch (method) {
            case Message.FULFILL -> settler.resolver().resolve(Ref.asType(value, settler.answerType()));
            case Message.BREAK -> {
                if (!(value instanceof Problem p)) {
                    throw protocol("break takes a problem, got " + (value == null ? "null" : value.getClass().getSimpleName()));
                }
                settler.resolver().reject(p);
            }
            default -> throw protocol("a resolver answers only fulfill and break, not " + method);
        }
    }

    private void listen(Message.Listen l) {
        reportTo(targetOf(l.target()), importOf(l.listener()));
    }

    /** Tells {@code listener} at the peer, by fulfill or break, what {@code subject} settles to. */
    private void reportTo(Object subject, RemoteTarget listener) {
        vat.run(() -> {
            Promise<Object> watched = subject instanceof Promise<?> p ? cast(p) : Promise.of(subject);
            watched.when(
                    value -> Ref.sendOnly(listener, Message.FULFILL, value),
                    why -> Ref.sendOnly(listener, Message.BREAK, why));
        });
    }

    private void gcExports(Message.GcExports gc) {
        synchronized (this) {
            for (int i = 0; i < gc.positions().size(); i++) {
                long position = gc.positions().get(i);
                if (!exports.release(position, gc.wireDeltas().get(i))) {
                    throw protocol("gc-exports: cannot release " + gc.wireDeltas().get(i) + " of export " + position);
                }
            }
        }
    }

    private synchronized void gcAnswers(Message.GcAnswers gc) {
        for (long position : gc.positions()) {
            answers.remove(position);
        }
    }

    private void unsupported(long answerPosition, String op) {
        synchronized (this) {
            answers.put(answerPosition, Promise.broken(Problem.of(Problem.NOT_CALLABLE,
                    "%s is not supported: values are not selected into remotely", op)));
        }
    }

    // ---- descriptors ----

    private synchronized Descriptor describe(Object reference) {
        if (Ref.remoteTarget(reference) instanceof Remote remote) {
            if (remote.session() != this) {
                throw new NotPassableException("a reference to another peer (" + remote
                        + ") cannot be passed to " + peerName + ": three-party handoff is not supported yet");
            }
            return remote.target();
        }
        if (reference instanceof Promise<?> promise) {
            return new Descriptor.ImportPromise(exports.export(promise));
        }
        return new Descriptor.ImportObject(exports.export(reference));
    }

    private Object resolve(Descriptor descriptor, Class<?> expected) {
        return switch (descriptor) {
            case Descriptor.ImportObject i -> Ref.asType(importOf(i.position()), expected);
            case Descriptor.ImportPromise i -> importedPromise(i.position());
            case Descriptor.Export e -> targetOf(e);
            case Descriptor.Answer a -> targetOf(a);
            default -> throw new ProtocolException(ProtocolError.TYPE_MISMATCH,
                    "a " + descriptor.getClass().getSimpleName() + " cannot stand for a value");
        };
    }

    private synchronized Remote importOf(long position) {
        return imports.computeIfAbsent(position, p -> new Remote(this, new Descriptor.Export(p)));
    }

    private Remote importOf(Descriptor.Import descriptor) {
        return switch (descriptor) {
            case Descriptor.ImportObject i -> importOf(i.position());
            case Descriptor.ImportPromise i -> importOf(i.position());
        };
    }

    /** Our promise for the peer's promise at {@code position}; the first time, asks to be told. */
    private Promise<Object> importedPromise(long position) {
        Deferred<Object> made;
        long settler;
        synchronized (this) {
            Promise<Object> known = importedPromises.get(position);
            if (known != null) {
                return known;
            }
            made = Ref.deferPipelined(importOf(position));
            importedPromises.put(position, made.promise());
            settler = exports.export(new Settler(made.resolver(), Object.class, -1));
            out.send(new Message.Listen(new Descriptor.Export(position), new Descriptor.ImportObject(settler), false));
        }
        return made.promise();
    }

    private synchronized Object targetOf(Descriptor.Target target) {
        return switch (target) {
            case Descriptor.Export e -> {
                Object exported = exports.get(e.position());
                if (exported == null) {
                    throw protocol("no export at position " + e.position());
                }
                yield exported;
            }
            case Descriptor.Answer a -> {
                Promise<Object> answer = answers.get(a.position());
                if (answer == null) {
                    throw protocol("no answer at position " + a.position());
                }
                yield answer;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Promise<Object> cast(Promise<?> p) {
        return (Promise<Object>) p;
    }

    private static ProtocolException protocol(String message) {
        return new ProtocolException(ProtocolError.INVALID_VALUE, message);
    }

    @Override
    public String toString() {
        return "Session[" + peerName + (problem == null ? "]" : ", lost: " + problem + "]");
    }
}
