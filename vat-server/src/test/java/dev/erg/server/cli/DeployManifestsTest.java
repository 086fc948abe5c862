package dev.erg.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.erg.server.config.ClusterConfig;
import dev.erg.server.config.ConfigFile;
import dev.erg.server.config.ServerConfig;
import dev.erg.server.host.ServiceRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Kubernetes manifests in {@code deploy/}: every document parses and names its kind, and
 * what they ask of the vat-server (its command lines, its configuration, its ports, the secrets
 * and volumes it mounts) is what this build accepts. Nothing runs them.
 */
class DeployManifestsTest {

    private static final Pattern VAT_SERVER_LINE = Pattern.compile("(?m)^\\s*vat-server\\s+(.+)$");
    private static final Map<String, Set<String>> KINDS = Map.of(
            "v1", Set.of("Service", "Secret", "ConfigMap"),
            "apps/v1", Set.of("StatefulSet"));

    private static final Map<String, JsonNode> DOCS = new TreeMap<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void read() throws IOException {
        Path deploy = deployDirectory();
        YAMLMapper yaml = new YAMLMapper();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(deploy)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(Files.readString(file))) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    String apiVersion = doc.path("apiVersion").asString("");
                    String kind = doc.path("kind").asString("");
                    String name = doc.path("metadata").path("name").asString("");
                    assertThat(KINDS.getOrDefault(apiVersion, Set.of())).as("%s: apiVersion %s, kind %s", file, apiVersion, kind)
                            .contains(kind);
                    assertThat(name).as("%s: metadata.name of a %s", file, kind).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
                    assertThat(DOCS.put(kind + "/" + name, doc)).as("%s: %s/%s is defined twice", file, kind, name).isNull();
                }
            }
        }
    }

    /** {@code deploy/} of the checkout, found from the module's directory upwards. */
    private static Path deployDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/vat-server.yaml"))) {
                return dir.resolve("deploy");
            }
        }
        throw new AssertionError("no deploy/vat-server.yaml above " + Path.of("").toAbsolutePath());
    }

    private static JsonNode doc(String kindAndName) {
        assertThat(DOCS).containsKey(kindAndName);
        return DOCS.get(kindAndName);
    }

    private static JsonNode container(JsonNode statefulSet, String list, String name) {
        for (JsonNode c : statefulSet.path("spec").path("template").path("spec").path(list)) {
            if (c.path("name").asString("").equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no " + list + " entry named " + name);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    /** Parses {@code args} as the vat-server command line does; answers the subcommand's name. */
    private String parses(List<String> args) {
        Launch launch = new Launch(new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream()),
                Map.of(), tmp, () -> () -> { }, ServiceRegistry.load(), InetSocketAddress.createUnresolved("127.0.0.1", 0));
        CommandLine line = Cli.commandLine(launch);
        assertThatCode(() -> line.parseArgs(args.toArray(String[]::new))).as("vat-server %s", args).doesNotThrowAnyException();
        return line.parseArgs(args.toArray(String[]::new)).subcommand().commandSpec().name();
    }

    @Test
    void everyStatefulSetHasItsServiceItsVolumesAndItsSecrets() {
        Set<String> secretKeys = keys(doc("Secret/erg-secrets").path("stringData"));
        for (String name : List.of("vat-server", "postgres")) {
            JsonNode set = doc("StatefulSet/" + name);
            JsonNode spec = set.path("spec");
            doc("Service/" + spec.path("serviceName").asString());
            JsonNode labels = spec.path("template").path("metadata").path("labels");
            spec.path("selector").path("matchLabels").properties().forEach(e ->
                    assertThat(labels.path(e.getKey()).asString("")).as("%s selects its pods", name).isEqualTo(e.getValue().asString()));
            List<String> volumes = new ArrayList<>();
            spec.path("template").path("spec").path("volumes").forEach(v -> {
                volumes.add(v.path("name").asString());
                if (v.has("configMap")) {
                    doc("ConfigMap/" + v.path("configMap").path("name").asString());
                }
                if (v.has("secret")) {
                    doc("Secret/" + v.path("secret").path("secretName").asString());
                }
            });
            spec.path("volumeClaimTemplates").forEach(v -> volumes.add(v.path("metadata").path("name").asString()));
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode c : spec.path("template").path("spec").path(list)) {
                    c.path("volumeMounts").forEach(m -> assertThat(volumes).contains(m.path("name").asString()));
                    c.path("env").forEach(e -> {
                        JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                        if (!ref.isMissingNode()) {
                            doc("Secret/" + ref.path("name").asString());
                            assertThat(secretKeys).contains(ref.path("key").asString());
                        }
                    });
                }
            }
        }
    }

    @Test
    void theVatServerPodsRunCommandLinesThisBuildAccepts() {
        JsonNode set = doc("StatefulSet/vat-server");
        JsonNode server = container(set, "containers", "vat-server");
        assertThat(parses(strings(server.path("args")))).isEqualTo("run");
        List<String> probe = strings(server.path("readinessProbe").path("exec").path("command"));
        assertThat(probe.getFirst()).isEqualTo("vat-server");
        assertThat(parses(probe.subList(1, probe.size()))).isEqualTo("status");

        String script = String.join("\n", strings(container(set, "initContainers", "prepare").path("command")));
        Matcher lines = VAT_SERVER_LINE.matcher(script);
        int found = 0;
        while (lines.find()) {
            found++;
            assertThat(parses(List.of(lines.group(1).strip().split("\\s+")))).isEqualTo("init");
        }
        assertThat(found).as("the prepare script makes the data directory").isOne();
    }

    @Test
    void thePortsAndTheConfigurationAgree() throws Exception {
        JsonNode set = doc("StatefulSet/vat-server");
        JsonNode server = container(set, "containers", "vat-server");
        int captp = port(server, "captp");
        assertThat(captp).as("the default CapTP port").isEqualTo(ConfigFile.DEFAULT_LISTEN.getPort());
        JsonNode service = doc("Service/vat-server");
        assertThat(service.path("spec").path("clusterIP").asString()).as("headless").isEqualTo("None");
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(captp);
        assertThat(server.path("livenessProbe").path("tcpSocket").path("port").asString()).isEqualTo("captp");

        // The configuration as the prepare script writes it, its secrets where the pod mounts them.
        String mount = mountPath(server, "secrets");
        Path secrets = Files.createDirectories(tmp.resolve("secret"));
        for (String key : keys(doc("Secret/erg-secrets").path("stringData"))) {
            Files.writeString(secrets.resolve(key), "x\n");
        }
        String text = doc("ConfigMap/vat-server-config").path("data").path("erg-server.conf").asString()
                .replace("@POD_NAME@", "vat-server-0").replace("@POD_NAMESPACE@", "default")
                .replace(mount + "/", secrets + "/");
        Path file = tmp.resolve(ConfigFile.NAME);
        Files.writeString(file, text);
        ServerConfig config = ConfigFile.read(file, ServiceRegistry.load().names());

        assertThat(config.listen().getPort()).isEqualTo(captp);
        assertThat(config.advertise()).singleElement().satisfies(a -> {
            assertThat(a.getHostString()).isEqualTo("vat-server-0.vat-server.default.svc.cluster.local");
            assertThat(a.getPort()).isEqualTo(captp);
        });
        ClusterConfig cluster = config.cluster().orElseThrow();
        assertThat(config.storage()).isEqualTo(cluster.store());
        URI database = URI.create(cluster.store().substring("jdbc:".length()));
        JsonNode postgres = doc("Service/" + database.getHost());
        assertThat(postgres.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(database.getPort());
        assertThat(port(container(doc("StatefulSet/postgres"), "containers", "postgres"), "postgres"))
                .isEqualTo(database.getPort());
        assertThat(cluster.keyFile()).hasValueSatisfying(key -> assertThat(key).startsWith(secrets));
        assertThat(cluster.password()).isEqualTo("x");
    }

    private static int port(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asString("").equals(name)) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no port named " + name);
    }

    private static String mountPath(JsonNode container, String volume) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("name").asString("").equals(volume)) {
                return m.path("mountPath").asString();
            }
        }
        throw new AssertionError("no mount of volume " + volume);
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        object.propertyNames().forEach(keys::add);
        return keys;
    }
}
