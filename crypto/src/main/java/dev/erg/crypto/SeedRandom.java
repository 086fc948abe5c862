package dev.erg.crypto;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Arrays;

/**
 * A random source that yields one given 32-byte seed and nothing else: how the JDK, whose
 * key pair generator draws its Ed25519 private key from a random source, is made to compute
 * the public key of a known private key.
 */
final class SeedRandom extends SecureRandom {

    SeedRandom(byte[] seed) {
        super(new Spi(seed), null);
    }

    private static final class Spi extends SecureRandomSpi {

        private byte[] seed;

        Spi(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        protected void engineSetSeed(byte[] ignored) {
            // The seed is fixed at construction.
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            if (seed == null || bytes.length != seed.length) {
                throw new IllegalStateException("SeedRandom yields its one seed once");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
            Arrays.fill(seed, (byte) 0);
            seed = null;
        }

        @Override
        protected byte[] engineGenerateSeed(int length) {
            throw new UnsupportedOperationException("SeedRandom yields its one seed only");
        }
    }
}
