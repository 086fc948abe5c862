package dev.erg.server.durable;

/** A durable object in memory: its kind, its committed state and the behaviour bound to it. */
final class Live {
    final long id;
    final Kind<?, ?> kind;
    Record state;
    Object behavior;

    Live(long id, Kind<?, ?> kind, Record state) {
        this.id = id;
        this.kind = kind;
        this.state = state;
    }
}
