package dev.erg.server.interop;

import dev.erg.vat.Promise;
import java.util.List;

/** A car the {@link CarFactory} made: called with nothing, it says what it is. */
final class Car implements Procedure {

    private final String color;
    private final String model;

    Car(String color, String model) {
        this.color = color;
        this.model = model;
    }

    @Override
    public Promise<Object> apply(List<Object> args) {
        return Promise.of("Vroom! I am a " + color + " " + model + " car!");
    }
}
