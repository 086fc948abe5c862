package dev.erg.samples.plugins;

import dev.erg.server.spi.RootMaker;
import dev.erg.vat.Vat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The root maker {@code ratings}: a vat holding a read-only table of {@link Ratings}, made from
 * one argument, a map from item to its list of ratings. Registering it also registers
 * {@code Ratings} as a root interface of the server, which makes it a type that uploaded
 * plugins may see.
 */
public final class RatingsMaker implements RootMaker {

    @Override
    public String name() {
        return "ratings";
    }

    @Override
    public Class<?> root() {
        return Ratings.class;
    }

    @Override
    public Object make(Vat vat, List<Object> args) {
        if (args.size() != 1 || !(args.getFirst() instanceof Map<?, ?> given)) {
            throw new IllegalArgumentException("expected one argument, a map from item to its ratings");
        }
        Map<String, List<Long>> table = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : given.entrySet()) {
            if (!(e.getKey() instanceof String item) || !(e.getValue() instanceof List<?> list)) {
                throw new IllegalArgumentException("each entry must map an item's name to a list of ratings");
            }
            List<Long> stars = new ArrayList<>();
            for (Object rating : list) {
                if (!(rating instanceof Long star) || star < 1 || star > 5) {
                    throw new IllegalArgumentException("the ratings of " + item + " must be integers from 1 to 5");
                }
                stars.add(star);
            }
            table.put(item, List.copyOf(stars));
        }
        return vat.export(new RatingsTable(table), Ratings.class);
    }
}
