package dev.erg.server.placement;

import static dev.erg.server.placement.Views.cluster;
import static dev.erg.server.placement.Views.server;
import static dev.erg.server.placement.Views.vat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterViewTest {

    private final ClusterView cluster = cluster(List.of(server("a", 30), server("b", 10)),
            List.of(vat("x", 20, "a"), vat("y", 10, "a"), vat("z", 10, "b")));

    @Test
    void afterMigrationsCarriesEachMovedVatsLoadToItsNewServer() {
        ClusterView after = cluster.after(List.of(new Migration("x", "a", "b", 0)));
        assertThat(after.server("a").orElseThrow().load()).isEqualTo(10);
        assertThat(after.server("b").orElseThrow().load()).isEqualTo(30);
        assertThat(after.vats()).extracting(VatView::server).containsExactly("b", "a", "b");
    }

    @Test
    void refusesAMigrationThatDoesNotFit() {
        assertThatThrownBy(() -> cluster.after(List.of(new Migration("x", "b", "a", 0))))
                .hasMessageContaining("does not fit");
        assertThatThrownBy(() -> cluster.after(List.of(new Migration("ghost", "a", "b", 0))))
                .hasMessageContaining("does not fit");
        assertThatThrownBy(() -> cluster.after(List.of(new Migration("x", "a", "nowhere", 0))))
                .hasMessageContaining("does not fit");
    }

    @Test
    void snapshotsRefuseNonsense() {
        assertThatThrownBy(() -> new ServerView("s", 0, 0, 1, Membership.MEMBER))
                .hasMessage("capacity: 0.0 (expected: > 0 and finite)");
        assertThatThrownBy(() -> new ServerView("s", 1, Double.NaN, 1, Membership.MEMBER))
                .hasMessage("load: NaN (expected: >= 0 and finite)");
        assertThatThrownBy(() -> new VatView("v", "k", 1, -1, 0, ""))
                .hasMessage("budget: -1.0 (expected: >= 0 and finite)");
        assertThatThrownBy(() -> new Migration("v", "a", "a", 0))
                .hasMessage("migration of v from a to itself");
        assertThatThrownBy(() -> new Migration("v", "a", "b", Double.POSITIVE_INFINITY))
                .hasMessage("fee: Infinity (expected: >= 0 and finite)");
    }
}
