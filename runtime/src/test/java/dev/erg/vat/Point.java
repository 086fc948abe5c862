package dev.erg.vat;

import java.util.List;

/** A passable record that holds a list, so passing it may copy. */
@Passable("test.Point")
record Point(long x, long y, List<String> tags) {
}
