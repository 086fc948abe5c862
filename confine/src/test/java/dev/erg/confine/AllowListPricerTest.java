package dev.erg.confine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.confine.meter.Price;
import dev.erg.confine.verify.AllowList;
import org.junit.jupiter.api.Test;

class AllowListPricerTest {

    private final AllowListPricer pricer = new AllowListPricer(AllowList.standard());

    @Test
    void anInstanceMethodSizedByItsFirstParameterCountsTheOperandAfterTheReceiver() {
        assertThat(pricer.price("java/lang/String", "repeat", "(I)Ljava/lang/String;", false))
                .isEqualTo(Price.sized(1, 1));
    }

    @Test
    void aStaticMethodsParametersStartAtOperandZero() {
        assertThat(pricer.price("java/lang/String", "join",
                "(Ljava/lang/CharSequence;Ljava/lang/Iterable;)Ljava/lang/String;", true))
                .isEqualTo(Price.sized(1, 1));
    }

    @Test
    void aMemberSizedByItsReceiverIsFoundThroughTheCallSitesOwner() {
        assertThat(pricer.price("java/util/ArrayList", "addAll", "(Ljava/util/Collection;)Z", false))
                .isEqualTo(Price.sized(1, 1));
    }

    @Test
    void unsizedAndUnknownMembersCostOne() {
        assertThat(pricer.price("java/lang/String", "length", "()I", false)).isEqualTo(Price.fixed(1));
        assertThat(pricer.price("com/example/Host", "anything", "()V", false)).isEqualTo(Price.fixed(1));
    }
}
