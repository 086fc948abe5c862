package dev.erg.server.spawn;

import dev.erg.server.spi.RootMaker;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.util.List;

/** Makes {@link Spinner}s, as the root maker {@code spinner}; takes no arguments. */
public final class SpinnerMaker implements RootMaker {

    @Override
    public String name() {
        return "spinner";
    }

    @Override
    public Class<?> root() {
        return Spinner.class;
    }

    @Override
    public Object make(Vat vat, List<Object> args) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("a spinner takes no arguments, not " + args.size());
        }
        return vat.export(new Spinner() {
            @Override
            public Promise<Long> pid() {
                return Promise.of(ProcessHandle.current().pid());
            }

            @Override
            public Promise<Long> spin(long millis) {
                long end = System.nanoTime() + millis * 1_000_000;
                long loops = 0;
                while (System.nanoTime() < end) {
                    loops++;
                }
                return Promise.of(loops);
            }
        }, Spinner.class);
    }
}
