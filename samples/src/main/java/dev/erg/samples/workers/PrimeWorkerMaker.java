package dev.erg.samples.workers;

import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;

/**
 * Makes {@link PrimeWorker}s, as the maker {@code prime-worker}. A worker counts in its
 * vat's turns, one range at a time: a vat-server process is one worker.
 */
public final class PrimeWorkerMaker implements ServiceMaker {

    @Override
    public String name() {
        return "prime-worker";
    }

    @Override
    public Object make(ServiceContext context) {
        return context.vat().export((from, to) -> {
            try {
                return Promise.of(PrimeSieve.count(from, to));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.of("BadRange", "%s", e.getMessage()));
            }
        }, PrimeWorker.class);
    }
}
