package dev.erg.samples.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.host.ServiceRegistry;
import dev.erg.server.host.VatServer;
import dev.erg.server.store.DataDir;
import dev.erg.vat.ProblemException;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auction house on a vat-server of this JVM: the rules the sample does not reach. */
class AuctionTest {

    @TempDir
    Path tmp;

    private VatServer server;
    private CapTpClient client;
    private AuctionHouse house;

    @BeforeEach
    void start() throws Exception {
        server = VatServer.start(DataDir.init(tmp.resolve("data"), "listen = 127.0.0.1:0\nservice.house = auction-house\n",
                null), null, ServiceRegistry.of(List.of(new AuctionHouseMaker())));
        PassableRegistry.Builder registry = PassableRegistry.builder();
        new AuctionHouseMaker().passables().forEach(registry::add);
        client = CapTpClient.start(registry.build(), Duration.ofSeconds(30));
        house = client.connect(server.services().getFirst().sturdyRef(), AuctionHouse.class);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private Bidder invite(AuctionControl control, String name) {
        return client.connect(SturdyRef.parse(client.await(control.invite(name))), Bidder.class);
    }

    private static String kindOf(Supplier<?> call) {
        try {
            call.get();
        } catch (ProblemException e) {
            return e.problem().kind();
        }
        throw new AssertionError("the call was not refused");
    }

    @Test
    void bidsBelowTheReserveAreRefusedAndAnItemWithoutBidsIsNotSold() {
        AuctionControl control = client.await(house.open("lamp", 50));
        Bidder ann = invite(control, "ann");
        assertThat(kindOf(() -> client.await(ann.bid(49)))).isEqualTo("BidTooLow");
        assertThat(client.await(control.standing())).isEqualTo(new Standing("lamp", null, 0, true));

        Outcome outcome = client.await(control.close());
        assertThat(outcome).isEqualTo(new Outcome("lamp", null, 0));
        assertThat(outcome.sold()).isFalse();
        assertThat(client.await(control.close())).as("closing again").isEqualTo(outcome);
        assertThat(client.await(ann.standing())).isEqualTo(new Standing("lamp", null, 0, false));
    }

    @Test
    void eachNameIsInvitedOnceAndNobodyAfterTheClose() {
        AuctionControl control = client.await(house.open("clock", 10));
        invite(control, "ann");
        assertThat(kindOf(() -> client.await(control.invite("ann")))).isEqualTo("AlreadyInvited");
        client.await(control.close());
        assertThat(kindOf(() -> client.await(control.invite("ben")))).isEqualTo("AuctionClosed");
    }

    @Test
    void auctionsOfOneHouseAreApart() {
        AuctionControl clock = client.await(house.open("clock", 10));
        AuctionControl chair = client.await(house.open("chair", 10));
        Bidder ann = invite(clock, "ann");
        client.await(ann.bid(20));
        assertThat(client.await(chair.standing())).isEqualTo(new Standing("chair", null, 0, true));
        assertThat(client.await(clock.close())).isEqualTo(new Outcome("clock", "ann", 20));
    }
}
