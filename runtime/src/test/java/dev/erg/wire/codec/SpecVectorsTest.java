package dev.erg.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the codec against every test vector in {@code spec/vectors}, so that the
 * specification and the code cannot drift apart: each valid vector decodes to the meaning its
 * diagnostic notation states and encodes back to its exact bytes; each invalid vector fails
 * with its error code and message.
 */
class SpecVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final PassableRegistry REGISTRY = TestTypes.specRegistry();

    private static WireCodec codec(Map<String, Object> vector) {
        return new WireCodec(REGISTRY, limits(vector));
    }

    @SuppressWarnings("unchecked")
    private static WireLimits limits(Map<String, Object> vector) {
        WireLimits.Builder builder = WireLimits.builder();
        Map<String, Object> limits = (Map<String, Object>) vector.getOrDefault("limits", Map.of());
        limits.forEach((name, value) -> {
            int bound = ((Long) value).intValue();
            switch (name) {
                case "maxFrameBytes" -> builder.maxFrameBytes(bound);
                case "maxDepth" -> builder.maxDepth(bound);
                case "maxCollectionLength" -> builder.maxCollectionLength(bound);
                case "maxStringBytes" -> builder.maxStringBytes(bound);
                case "maxBytesLength" -> builder.maxBytesLength(bound);
                case "maxTotalValues" -> builder.maxTotalValues(bound);
                case "maxBigIntegerBytes" -> builder.maxBigIntegerBytes(bound);
                default -> throw new IllegalArgumentException("unknown limit " + name);
            }
        });
        return builder.build();
    }

    private static byte[] bytes(Map<String, Object> vector) {
        return HEX.parseHex((String) vector.get("hex"));
    }

    @TestFactory
    Stream<DynamicTest> valuesDecodeToTheirMeaningAndEncodeBackExactly() {
        return SpecVectors.vectors("values.json", "vectors").stream().map(vector ->
                dynamicTest((String) vector.get("name"), () -> {
                    WireCodec codec = codec(vector);
                    Object value = codec.decodeValue(bytes(vector), References.KEEP);
                    assertThat(Diagnostic.render(value)).isEqualTo(vector.get("edn"));
                    assertThat(HEX.formatHex(codec.encodeValue(value, References.PASS))).isEqualTo(vector.get("hex"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> messagesDecodeToTheirMeaningAndEncodeBackExactly() {
        return SpecVectors.vectors("messages.json", "vectors").stream().map(vector ->
                dynamicTest((String) vector.get("name"), () -> {
                    WireCodec codec = codec(vector);
                    Message message = codec.decode(bytes(vector), References.KEEP);
                    assertThat(Diagnostic.render(message)).isEqualTo(vector.get("edn"));
                    assertThat(HEX.formatHex(codec.encode(message, References.PASS))).isEqualTo(vector.get("hex"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> invalidInputsFailWithTheirErrorAndMessage() {
        return SpecVectors.vectors("invalid.json", "vectors").stream().map(vector ->
                dynamicTest((String) vector.get("name"), () -> {
                    WireCodec codec = codec(vector);
                    byte[] bytes = bytes(vector);
                    assertThatThrownBy(() -> {
                        switch ((String) vector.get("kind")) {
                            case "value" -> codec.decodeValue(bytes, References.KEEP);
                            case "message" -> codec.decode(bytes, References.KEEP);
                            default -> throw new IllegalArgumentException("unknown kind " + vector.get("kind"));
                        }
                    })
                            .isInstanceOf(ProtocolException.class)
                            .hasMessage((String) vector.get("message"))
                            .satisfies(e -> assertThat(((ProtocolException) e).error().code())
                                    .isEqualTo(vector.get("error")));
                }));
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> framesSplitAsTheirVectorsSay() {
        Stream<DynamicTest> valid = SpecVectors.vectors("frames.json", "valid").stream().map(vector ->
                dynamicTest((String) vector.get("name"), () -> {
                    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(limits(vector)));
                    for (byte b : bytes(vector)) {
                        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
                    }
                    List<String> frames = new ArrayList<>();
                    for (ByteBuf frame; (frame = channel.readInbound()) != null; ) {
                        frames.add(HEX.formatHex(ByteBufUtil.getBytes(frame)));
                        frame.release();
                    }
                    assertThat(frames).isEqualTo((List<String>) vector.get("frames"));
                    assertThat(channel.finish()).isFalse();
                }));
        Stream<DynamicTest> invalid = SpecVectors.vectors("frames.json", "invalid").stream().map(vector ->
                dynamicTest((String) vector.get("name"), () -> {
                    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(limits(vector)));
                    assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes(vector))))
                            .isInstanceOf(ProtocolException.class)
                            .hasMessage((String) vector.get("message"))
                            .satisfies(e -> assertThat(((ProtocolException) e).error().code())
                                    .isEqualTo(vector.get("error")));
                }));
        return Stream.concat(valid, invalid);
    }

    @TestFactory
    Stream<DynamicTest> redirectsDecodeOrFailAsTheirVectorsSay() {
        Stream<DynamicTest> valid = SpecVectors.vectors("moved.json", "valid").stream().map(vector ->
                dynamicTest((String) vector.get("name"), () -> {
                    Moved moved = Moved.decode(bytes(vector));
                    assertThat(Diagnostic.render(List.of(moved.vatId().toByteArray(), moved.hints())))
                            .isEqualTo(vector.get("edn"));
                    assertThat(HEX.formatHex(moved.encode())).isEqualTo(vector.get("hex"));
                }));
        Stream<DynamicTest> invalid = SpecVectors.vectors("moved.json", "invalid").stream().map(vector ->
                dynamicTest((String) vector.get("name"), () -> assertThatThrownBy(() -> Moved.decode(bytes(vector)))
                        .isInstanceOf(ProtocolException.class)
                        .hasMessage((String) vector.get("message"))
                        .satisfies(e -> assertThat(((ProtocolException) e).error().code()).isEqualTo(vector.get("error")))));
        return Stream.concat(valid, invalid);
    }

    @Test
    void everyErrorCodeHasAnInvalidVector() {
        Set<String> covered = SpecVectors.vectors("invalid.json", "vectors").stream()
                .map(vector -> (String) vector.get("error")).collect(Collectors.toSet());
        // A session rule is broken by well-formed frames, so no frame alone can show it.
        for (ProtocolError error : EnumSet.complementOf(EnumSet.of(ProtocolError.SESSION_RULE))) {
            assertThat(covered).as("vectors for %s", error).contains(error.code());
        }
    }

    @Test
    void everyOpCodeHasAValidVector() {
        Set<Long> ops = SpecVectors.vectors("messages.json", "vectors").stream()
                .map(vector -> codec(vector).decode(bytes(vector), References.KEEP))
                .map(message -> (long) HEX.parseHex(HEX.formatHex(codec(Map.of()).encode(message, References.PASS)))[4])
                .collect(Collectors.toSet());
        for (long op = 0; Op.isDefined(op); op++) {
            assertThat(ops).as("vectors for op %d", op).contains(op);
        }
    }

    /** The README and the CDDL name every tag number and op code the code uses. */
    @Test
    void theSpecificationNamesEveryTagAndOpCode() throws IOException {
        String readme = Files.readString(SpecVectors.SPEC.resolve("README.md"));
        String cddl = Files.readString(SpecVectors.SPEC.resolve("captp.cddl"));
        for (int tag = Tag.MESSAGE; tag <= Tag.SIGNED_ENVELOPE; tag++) {
            assertThat(readme).as("README.md").contains("| " + tag + " |");
            assertThat(cddl).as("captp.cddl").contains("#6." + tag + "(");
        }
        for (int op = 0; Op.isDefined(op); op++) {
            assertThat(readme).as("README.md").contains("| " + op + " | `" + Op.name(op) + "` |");
            assertThat(cddl).as("captp.cddl").contains("op-" + Op.name(op) + " = " + op);
        }
        for (ProtocolError error : ProtocolError.values()) {
            assertThat(readme).as("README.md").contains("`" + error.code() + "`");
        }
    }
}
