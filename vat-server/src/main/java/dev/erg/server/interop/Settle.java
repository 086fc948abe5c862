package dev.erg.server.interop;

import dev.erg.vat.RemoteName;

/** The resolver the {@link PromiseResolver} hands out, called {@code 'fulfill value} or {@code 'break reason}. */
public interface Settle {

    /** Fulfils the promise with {@code value}. */
    void fulfill(Object value);

    /** Breaks the promise, saying {@code reason}. */
    @RemoteName("break")
    void breakWith(Object reason);
}
