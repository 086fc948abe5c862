package dev.erg.bench.wire;

import io.grpc.CallOptions;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;

/** gRPC unary calls: each payload is one {@code Call}, a new HTTP/2 stream on the shared channel. */
final class GrpcUnarySystem extends EchoLoop {

    private final GrpcChannel grpc;
    private final StreamObserver<byte[]> answers = new StreamObserver<>() {
        @Override
        public void onNext(byte[] value) {
            answered(Payload.sequence(value));
        }

        @Override
        public void onError(Throwable t) {
            System.err.println("gRPC unary call failed: " + t);
        }

        @Override
        public void onCompleted() {
        }
    };

    GrpcUnarySystem(GrpcChannel grpc) {
        this.grpc = grpc;
    }

    @Override
    public String name() {
        return "gRPC unary";
    }

    @Override
    public String transport() {
        return grpc.transport();
    }

    @Override
    public String chainStep() {
        return "a unary call awaited before the next is made";
    }

    @Override
    public long serverPid() {
        return grpc.serverPid();
    }

    @Override
    void send(long sequence) {
        ClientCalls.asyncUnaryCall(grpc.channel().newCall(GrpcEcho.CALL, CallOptions.DEFAULT), Payload.of(sequence), answers);
    }

    @Override
    public void close() {
        // The channel is shared with the streaming row and closed by whoever opened it.
    }
}
