package dev.erg.ocapn.captp;

/**
 * OCapN's reference descriptors, named from the receiver's side: what a {@code desc:export}
 * names the receiver exported, what a {@code desc:import-object} names the sender exports.
 * Positions are non-negative; position 0 is each side's bootstrap object.
 */
public sealed interface Descriptor {

    /** The position in the table this descriptor names. */
    long position();

    /** The record label of this descriptor. */
    String label();

    /** {@code <desc:export n>}: an object or promise the receiver exported at {@code n}. */
    record Export(long position) implements Descriptor {
        public Export {
            Positions.check(position);
        }

        @Override
        public String label() {
            return "desc:export";
        }
    }

    /** {@code <desc:import-object n>}: an object the sender exports at {@code n}. */
    record ImportObject(long position) implements Descriptor {
        public ImportObject {
            Positions.check(position);
        }

        @Override
        public String label() {
            return "desc:import-object";
        }
    }

    /** {@code <desc:import-promise n>}: a promise the sender exports at {@code n}. */
    record ImportPromise(long position) implements Descriptor {
        public ImportPromise {
            Positions.check(position);
        }

        @Override
        public String label() {
            return "desc:import-promise";
        }
    }

    /** {@code <desc:answer n>}: the answer of the receiver's at {@code n}, for pipelining. */
    record Answer(long position) implements Descriptor {
        public Answer {
            Positions.check(position);
        }

        @Override
        public String label() {
            return "desc:answer";
        }
    }
}
