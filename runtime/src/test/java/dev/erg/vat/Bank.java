package dev.erg.vat;

/** Opens accounts: a method whose answer is itself a capability, for pipelining tests. */
public interface Bank {
    Promise<Counter> open(String owner);
}
