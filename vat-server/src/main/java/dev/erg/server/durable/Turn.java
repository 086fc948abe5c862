package dev.erg.server.durable;

import dev.erg.captp.SturdyRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one turn has done so far: state it replaced and letters it sent, not yet committed. */
final class Turn {

    /** A durable send made by the turn. */
    record Send(SturdyRef target, String method, byte[] args, long ticket, long sender) {
    }

    final Map<Live, Record> writes = new LinkedHashMap<>();
    final List<Send> sends = new ArrayList<>();
    final List<Made> made = new ArrayList<>();
    /** Objects the turn made that no sturdy ref designates: the writing ends of durable streams. */
    final List<Live> unnamed = new ArrayList<>();
}
