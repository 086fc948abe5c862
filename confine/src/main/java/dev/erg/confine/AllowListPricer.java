package dev.erg.confine;

import dev.erg.confine.meter.CallPricer;
import dev.erg.confine.meter.Price;
import dev.erg.confine.verify.AllowList;

/**
 * Prices a bundle's calls outside it by the allow-list: 1 computron for each call, plus, for a
 * member the list marks {@code sized}, the size of the argument it names, so that a call whose
 * work grows with its input costs what it does.
 */
final class AllowListPricer implements CallPricer {

    private static final Price ONE = Price.fixed(1);

    private final AllowList allowList;

    AllowListPricer(AllowList allowList) {
        this.allowList = allowList;
    }

    @Override
    public Price price(String owner, String name, String descriptor, boolean isStatic) {
        return allowList.resolve(owner.replace('/', '.'), name, descriptor)
                .flatMap(entry -> entry.sizeArgument().stream().boxed().findFirst())
                // The list counts 0 as the receiver and parameters from 1; a static call's operands start at its first.
                .map(argument -> isStatic ? argument - 1 : argument)
                .filter(operand -> operand >= 0)
                .map(operand -> Price.sized(1, operand))
                .orElse(ONE);
    }
}
