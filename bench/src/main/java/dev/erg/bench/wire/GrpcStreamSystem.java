package dev.erg.bench.wire;

import io.grpc.CallOptions;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One bidirectional gRPC {@code Stream} kept open: each payload is a message on it, each answer one back. */
final class GrpcStreamSystem extends EchoLoop {

    /** How long closing waits for the server to end the stream. */
    private static final long CLOSE_SECONDS = 10;

    private final GrpcChannel grpc;
    private final StreamObserver<byte[]> requests;
    /** Counted down when the stream ends, either way. */
    private final CountDownLatch ended = new CountDownLatch(1);

    GrpcStreamSystem(GrpcChannel grpc) {
        this.grpc = grpc;
        this.requests = ClientCalls.asyncBidiStreamingCall(grpc.channel().newCall(GrpcEcho.STREAM, CallOptions.DEFAULT),
                new StreamObserver<>() {
                    @Override
                    public void onNext(byte[] value) {
                        answered(Payload.sequence(value));
                    }

                    @Override
                    public void onError(Throwable t) {
                        System.err.println("gRPC stream failed: " + t);
                        ended.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        ended.countDown();
                    }
                });
    }

    @Override
    public String name() {
        return "gRPC bidi stream";
    }

    @Override
    public String transport() {
        return grpc.transport();
    }

    @Override
    public String chainStep() {
        return "a message on the open stream, its answer awaited before the next is sent";
    }

    @Override
    public long serverPid() {
        return grpc.serverPid();
    }

    @Override
    void send(long sequence) {
        requests.onNext(Payload.of(sequence));
    }

    /**
     * Ends the stream from this side and waits for the server to end it too, before the
     * channel it shares with the unary calls is shut down: shut down first, the channel would
     * cut the stream with an error.
     */
    @Override
    public void close() throws InterruptedException {
        requests.onCompleted();
        if (!ended.await(CLOSE_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gRPC stream: the server did not end it within " + CLOSE_SECONDS + " s");
        }
    }
}
