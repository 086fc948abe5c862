package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmsTest {

    @Test
    void anAlarmAboutASubjectWithAnOpenOneCountsAsItsRepeat() {
        Alarms alarms = new Alarms();
        alarms.raise("stream a", "first");
        alarms.raise("stream b", "other");
        alarms.raise("stream a", "again");
        assertThat(alarms.open()).extracting(Alarm::subject, Alarm::what, Alarm::repeats)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stream a", "again", 1L),
                        org.assertj.core.groups.Tuple.tuple("stream b", "other", 0L));
        assertThat(alarms.open().getFirst().line()).endsWith(" again (raised 2 times)");

        long a = alarms.open().getFirst().id();
        assertThat(alarms.acknowledge(a)).isTrue();
        alarms.raise("stream a", "after the acknowledgement");
        assertThat(alarms.open()).as("a new alarm once the old one is acknowledged").hasSize(2)
                .extracting(Alarm::id).doesNotContain(a);
    }

    @Test
    void whatIsWrittenLeavesTheUnwrittenUnlessChangedSince() {
        Alarms alarms = new Alarms();
        alarms.load(List.of(new Alarm(7, "store", "t0", "lost", 0, ""), new Alarm(8, "stream x", "t1", "old", 0, "t2")), 8);
        assertThat(alarms.open()).extracting(Alarm::id).containsExactly(7L);
        alarms.raise("stream y", "new");
        List<Alarm> batch = alarms.unwritten();
        assertThat(batch).extracting(Alarm::id).containsExactly(9L);
        alarms.raise("stream y", "newer");
        alarms.written(batch);
        assertThat(alarms.unwritten()).as("changed after the batch was taken").extracting(Alarm::what).containsExactly("newer");
        alarms.written(alarms.unwritten());
        assertThat(alarms.unwritten()).isEmpty();

        assertThat(alarms.acknowledge(7)).isTrue();
        assertThat(alarms.merged(List.of(new Alarm(7, "store", "t0", "lost", 0, ""), new Alarm(8, "stream x", "t1", "old", 0, "t2"))))
                .extracting(Alarm::id, Alarm::isAcknowledged)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, true), org.assertj.core.groups.Tuple.tuple(8L, true));
    }
}
