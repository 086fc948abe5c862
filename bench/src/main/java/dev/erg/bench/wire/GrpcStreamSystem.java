package dev.erg.bench.wire;

import io.grpc.CallOptions;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;

/** One bidirectional gRPC {@code Stream} kept open: each payload is a message on it, each answer one back. */
final class GrpcStreamSystem extends EchoLoop {

    private final GrpcChannel grpc;
    private final StreamObserver<byte[]> requests;

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
                    }

                    @Override
                    public void onCompleted() {
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

    @Override
    public void close() {
        requests.onCompleted();
    }
}
