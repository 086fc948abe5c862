package dev.erg.server.durable;

import dev.erg.server.durable.flows.OutFlow;
import dev.erg.vat.Problem;

/** The {@link Outlet} of one stream. */
final class OutletCode implements Outlet {

    private final LiveSelf<OutFlow> self;

    @SuppressWarnings({"unchecked", "rawtypes"})
    OutletCode(Self<OutFlow> self) {
        this.self = (LiveSelf) self;
    }

    @Override
    public Notice acknowledged(OutLetter letter, Receipt receipt) {
        OutFlow s = self.state();
        Problem problem = receipt.problem();
        return switch (letter.method()) {
            case Inlet.ITEM -> {
                long consumed = s.consumed() + (problem == null ? 1 : 0);
                long bytes = s.bytesPending() - letter.args().length;
                if (problem != null && !s.ended()) {
                    self.update(broken(s, consumed, bytes, problem));
                    yield notice(s, consumed, true, problem);
                }
                boolean room = s.waiting() && !s.ending() && !s.ended() && s.written() - consumed <= s.maxItems() / 2
                        && bytes <= s.maxBytes() / 2;
                self.update(s.withCounts(s.written(), consumed, bytes, s.waiting() && !room));
                yield room ? notice(s, consumed, false, null) : null;
            }
            case Inlet.CLOSE, Inlet.FAIL -> {
                if (s.ended()) {
                    yield null;
                }
                self.update(problem == null ? s.withEnd("", "") : broken(s, s.consumed(), s.bytesPending(), problem));
                yield notice(s, s.consumed(), true, problem);
            }
            default -> {
                // The open letter: a receiver that did not take the stream breaks it.
                if (problem == null || s.ended()) {
                    yield null;
                }
                self.update(broken(s, s.consumed(), s.bytesPending(), problem));
                yield notice(s, s.consumed(), true, problem);
            }
        };
    }

    private Notice notice(OutFlow s, long consumed, boolean ended, Problem problem) {
        return new Notice(s.owner(), self.id(), consumed, ended, problem);
    }

    private static OutFlow broken(OutFlow s, long consumed, long bytes, Problem problem) {
        return s.withCounts(s.written(), consumed, bytes, false).withEnd(problem.kind(), problem.message());
    }
}
