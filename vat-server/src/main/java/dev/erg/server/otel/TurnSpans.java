package dev.erg.server.otel;

import dev.erg.trace.TraceContext;
import dev.erg.trace.TraceEvent;
import dev.erg.trace.TraceSink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns Erg's trace events into OpenTelemetry spans, one per traced turn: from its
 * {@code begin} to its {@code end}, with the turn's own trace id and span id, and as parent
 * the turn that sent the message, as the message's context names it, whichever server that
 * turn ran in (the wire carries the sending turn's span beside the message's; a message from
 * a peer that does not send it starts a turn with the trace id and no parent). The span is
 * named by the message's label and carries
 * {@value #VAT} and {@value #LABEL}; each message it sends is an event {@code send}. A broken
 * answer marks its turn's span as an error with an event {@code break}, or, when that span is
 * over or ran elsewhere, becomes a span {@code break} of its own under it.
 *
 * <p>A tracer's sink is called under a vat's log lock on the recording thread, so this only
 * hands finished spans to the SDK, whose processor queues them for another thread. The spans
 * open are kept in a bounded table; past its bound, spans are dropped and counted.
 */
final class TurnSpans implements TraceSink {

    static final String VAT = "erg.vat";
    static final String LABEL = "erg.label";
    static final AttributeKey<String> VAT_KEY = AttributeKey.stringKey(VAT);
    static final AttributeKey<String> LABEL_KEY = AttributeKey.stringKey(LABEL);
    static final AttributeKey<String> MESSAGE_KEY = AttributeKey.stringKey("erg.message");
    static final AttributeKey<String> CAUSE_KEY = AttributeKey.stringKey("erg.cause");
    static final AttributeKey<String> PROBLEM_KIND_KEY = AttributeKey.stringKey("erg.problem.kind");
    static final AttributeKey<String> PROBLEM_MESSAGE_KEY = AttributeKey.stringKey("erg.problem.message");

    /** Turns open at once, at most; a turn that never ends must not hold its span for ever. */
    static final int MAX_OPEN = 16_384;

    private final Tracer tracer;
    private final ErgIds ids;
    private final Map<Long, Span> open = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    TurnSpans(Tracer tracer, ErgIds ids) {
        this.tracer = tracer;
        this.ids = ids;
    }

    @Override
    public void accept(TraceEvent event) {
        switch (event.kind()) {
            case SEND -> sent(event);
            case BEGIN -> began(event);
            case END -> ended(event);
            case BREAK -> broke(event);
            case FULFILL -> {
                // A fulfilled answer adds nothing to its turn's span.
            }
        }
    }

    /** Spans not started because too many were open. */
    long dropped() {
        return dropped.get();
    }

    private void sent(TraceEvent event) {
        if (event.parent() == 0) {
            return;
        }
        Span sender = open.get(event.parent());
        if (sender != null) {
            sender.addEvent("send", Attributes.of(LABEL_KEY, event.label(), MESSAGE_KEY, event.context().spanId()));
        }
    }

    private void began(TraceEvent event) {
        if (open.size() >= MAX_OPEN) {
            dropped.incrementAndGet();
            return;
        }
        TraceContext turn = event.context();
        SpanBuilder builder = tracer.spanBuilder(event.label().isEmpty() ? "turn" : event.label())
                .setAttribute(VAT_KEY, event.vat())
                .setAttribute(LABEL_KEY, event.label());
        if (turn.parent() == 0) {
            builder.setNoParent();
        } else {
            builder.setParent(parentOf(turn, turn.parent()));
        }
        ids.name(turn.traceId(), turn.spanId());
        try {
            open.put(turn.span(), builder.startSpan());
        } finally {
            ids.clear();
        }
    }

    private void ended(TraceEvent event) {
        Span span = open.remove(event.span());
        if (span != null) {
            span.end();
        }
    }

    private void broke(TraceEvent event) {
        String problem = event.problemKind() + ": " + event.problemMessage();
        Attributes attributes = event.cause() == 0
                ? Attributes.of(PROBLEM_KIND_KEY, event.problemKind(), PROBLEM_MESSAGE_KEY, event.problemMessage())
                : Attributes.of(PROBLEM_KIND_KEY, event.problemKind(), PROBLEM_MESSAGE_KEY, event.problemMessage(),
                        CAUSE_KEY, TraceContext.spanId(event.cause()));
        Span turn = open.get(event.span());
        if (turn != null) {
            turn.addEvent("break", attributes);
            turn.setStatus(StatusCode.ERROR, problem);
            return;
        }
        Span broken = tracer.spanBuilder("break")
                .setParent(parentOf(event.context(), event.span()))
                .setAttribute(VAT_KEY, event.vat())
                .setAllAttributes(attributes)
                .startSpan();
        broken.setStatus(StatusCode.ERROR, problem);
        broken.end();
    }

    private static Context parentOf(TraceContext turn, long parent) {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(turn.traceId(),
                TraceContext.spanId(parent), TraceFlags.getSampled(), TraceState.getDefault())));
    }
}
