package dev.erg.server.interop;

import dev.erg.ocapn.syrup.Symbol;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes cars: called with one list of {@code [color model]} pairs of symbols, it answers a
 * car for each, the car itself when there is one, else the list of them. Anything else
 * breaks the answer.
 */
final class CarFactory implements Procedure {

    @Override
    public Promise<Object> apply(List<Object> args) {
        if (args.size() != 1 || !(args.getFirst() instanceof List<?> specs) || specs.isEmpty()) {
            return refused();
        }
        List<Object> cars = new ArrayList<>(specs.size());
        for (Object spec : specs) {
            if (!(spec instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Symbol color)
                    || !(pair.get(1) instanceof Symbol model)) {
                return refused();
            }
            cars.add(new Car(color.name(), model.name()));
        }
        return Promise.of(cars.size() == 1 ? cars.getFirst() : List.copyOf(cars));
    }

    private static Promise<Object> refused() {
        return Promise.broken(Problem.of(Problem.NOT_CALLABLE,
                "a car factory takes one list of [color model] pairs of symbols"));
    }
}
