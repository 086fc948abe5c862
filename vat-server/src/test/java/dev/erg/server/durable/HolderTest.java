package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HolderTest {

    private final Holder self = Holder.current();

    @Test
    void aLiveProcessOfThisHostMayHoldALease() {
        assertThat(Holder.mayLive(self.text())).isTrue();
    }

    @Test
    void anEndedProcessOfThisHostCannot() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        long pid = ended.pid();
        long started = ended.info().startInstant().map(at -> at.toEpochMilli()).orElse(1L);
        ended.waitFor();
        ended.destroy();
        assertThat(Holder.mayLive(new Holder(self.host(), pid, started, "t").text())).isFalse();
        assertThat(Holder.mayLive(new Holder(self.host(), self.pid(), self.started() + 1, "t").text()))
                .as("the same id, started at another time: another process").isFalse();
    }

    @Test
    void aProcessOfAnotherHostOrAnUnreadableHolderMayLiveAsLongAsItsLease() {
        assertThat(Holder.mayLive(new Holder("elsewhere." + self.host(), 1, 1, "t").text())).isTrue();
        assertThat(Holder.mayLive(self.host() + "/not-a-pid/1/t")).isTrue();
        assertThat(Holder.mayLive("written by something else")).isTrue();
    }
}
