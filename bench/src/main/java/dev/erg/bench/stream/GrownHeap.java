package dev.erg.bench.stream;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Keeps a JVM's heap at the size it has grown to. The fairness run weighs each JVM's heap after
 * a full collection, and after a full collection G1 gives back what it finds free: the next bulk
 * transfer then grows the heap again, and the reader's thread pays a page fault for each page
 * of the new byte arrays it first touches (the reader's CPU per GiB went from 0.8 to 2.1 s that
 * way, round by round, while the raw reader, which allocates nothing per item, did not move).
 * A service's heap is not weighed between requests, so the benchmark keeps what it grew.
 */
final class GrownHeap {

    private GrownHeap() {
    }

    /** From now on, full collections in this JVM leave its heap's size as it is. */
    static void keep() {
        // A manageable flag: G1 shrinks after a full collection only while free space passes this share.
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).setVMOption("MaxHeapFreeRatio", "100");
    }
}
