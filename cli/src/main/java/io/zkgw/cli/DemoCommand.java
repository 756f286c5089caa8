package io.zkgw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.zkgw.chainapp.app.Genesis;
import io.zkgw.chainapp.node.LocalLedger;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.TxRecord;
import io.zkgw.envelope.KeyFiles;
import io.zkgw.envelope.SigningKey;
import io.zkgw.inference.ModelPipeline;
import io.zkgw.inference.card.ModelCard;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.inference.ort.ExecutionProvider;
import io.zkgw.inference.ort.OrtWitnessRunner;
import io.zkgw.inference.quant.QuantConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zkgw demo}: the whole system on one machine. Quantises the breast-cancer MLP, starts a local
 * single-validator ledger, starts the hospital gateway on its embedded database with the model and its
 * dataset provisioned (committed on the ledger), sends a paid clinician request through {@code zkgw
 * request}, waits for it with {@code zkgw result} (which verifies the proof itself and unmasks the
 * answer), and prints the fee movement and the ledger's commitment log.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the end-to-end demo on the shipped fixtures.")
final class DemoCommand implements Callable<Integer> {
    private static final String CHAIN_ID = "zkgw-demo";
    private static final long START_BALANCE = 1_000_000;
    private static final long PRICE = 10;
    private static final HexFormat HEX = HexFormat.of();

    @Option(names = "--fixtures", defaultValue = "inference/src/test/resources/fixtures",
            description = "folder with the fixture models and CSVs")
    Path fixtures;

    @Option(names = "--work", defaultValue = "target/demo", description = "where the demo writes its files (emptied first)")
    Path work;

    @Option(names = "--gateway", defaultValue = "gateway/target/quarkus-app/quarkus-run.jar",
            description = "the gateway's runnable jar")
    Path gatewayJar;

    @Option(names = "--policies", defaultValue = "policies", description = "the gateway's admission rules")
    Path policies;

    @Option(names = "--ep", defaultValue = "cpu", description = "ONNX Runtime execution provider: cpu or cuda")
    String ep;

    @Option(names = "--row", defaultValue = "0", description = "which row of the breast-cancer test split the clinician sends")
    int row;

    @Override
    public Integer call() throws Exception {
        work = work.toAbsolutePath();
        fixtures = fixtures.toAbsolutePath();
        reset(work);
        ModelCard card = modelPipeline();
        if (!Files.isRegularFile(gatewayJar)) {
            throw new Main.CliFailure("gateway not built: " + gatewayJar.toAbsolutePath()
                    + " is missing (./zkgw builds it; or ./mvnw -pl gateway -am package -DskipTests)");
        }

        step("2. A local ledger: one CometBFT validator running the zkgw chain app");
        SecureRandom random = new SecureRandom();
        Path keys = work.resolve("keys");
        Files.createDirectories(keys);
        SigningKey provider = SigningKey.generate(random);
        Path providerKey = keys.resolve("hospital-signing.key");
        KeyFiles.write(providerKey, provider);
        Path clinicianKeys = keys.resolve("clinician");
        Main.execute("keys", "new", "--out", clinicianKeys.toString());
        SigningKey clinician = KeyFiles.readSigning(clinicianKeys.resolve(KeysCommand.SIGNING_FILE));
        String providerAddr = HEX.formatHex(provider.address());
        String clinicianAddr = HEX.formatHex(clinician.address());
        String appState = Genesis.appStateJson(1, 1000, Map.of(providerAddr, START_BALANCE, clinicianAddr, START_BALANCE));
        try (LocalLedger ledger = LocalLedger.start(work.resolve("ledger"), CHAIN_ID, appState, Duration.ofSeconds(120));
             CometRpcClient rpc = new CometRpcClient(URI.create(ledger.rpcUrl()), Duration.ofSeconds(20))) {
            String anchor = "1:" + HEX.formatHex(rpc.commit(1).header().hash().toByteArray());
            System.out.printf("ledger       %s at %s, height %d; trust anchor %s%n", CHAIN_ID, ledger.rpcUrl(), rpc.latestHeight(), anchor);
            System.out.printf("accounts     hospital %s, clinician %s (%,d each in genesis)%n", providerAddr, clinicianAddr, START_BALANCE);

            step("3. The hospital gateway (embedded database), provisioned with the model and its dataset");
            Process gateway = startGateway(ledger.rpcUrl(), anchor, providerKey);
            try {
                String modelId = awaitModelCommitted(rpc, providerAddr, gateway);
                commitmentLog(rpc, providerAddr);

                step("4. A clinician sends a paid, encrypted request with the zkgw CLI");
                Path patient = patientFile(card);
                LedgerQueries q = new LedgerQueries(rpc);
                long clinicianBefore = q.account(ByteString.copyFrom(clinician.address())).balance();
                long hospitalBefore = q.account(ByteString.copyFrom(provider.address())).balance();
                Path home = work.resolve("clinician-home");
                String[] common = {"--rpc", ledger.rpcUrl(), "--chain-id", CHAIN_ID, "--trust-anchor", anchor, "--home", home.toString()};
                List<String> request = new ArrayList<>(List.of("request", "--provider", providerAddr, "--model", modelId,
                        "--input", patient.toString(), "--fee", Long.toString(PRICE), "--deadline-blocks", "300",
                        "--key", clinicianKeys.toString()));
                request.addAll(List.of(common));
                System.out.println("$ zkgw " + String.join(" ", request));
                int rc = Main.execute(request.toArray(String[]::new));
                if (rc != 0) {
                    throw new Main.CliFailure("zkgw request failed (exit " + rc + ")");
                }
                String requestId = onlyRequestIn(home.resolve("requests"));

                step("5. The gateway decrypts, checks, runs ONNX Runtime, proves; the ledger verifies and pays");
                List<String> result = new ArrayList<>(List.of("result", requestId, "--wait", "5m"));
                result.addAll(List.of(common));
                System.out.println("$ zkgw " + String.join(" ", result));
                rc = Main.execute(result.toArray(String[]::new));
                if (rc != 0) {
                    throw new Main.CliFailure("zkgw result did not report a closed request (exit " + rc + "); gateway log: "
                            + work.resolve("gateway.log"));
                }

                step("6. Fees");
                long clinicianAfter = q.account(ByteString.copyFrom(clinician.address())).balance();
                long hospitalAfter = q.account(ByteString.copyFrom(provider.address())).balance();
                System.out.printf("clinician    %,d -> %,d (%+d: the prediction fee and one tx fee)%n", clinicianBefore,
                        clinicianAfter, clinicianAfter - clinicianBefore);
                System.out.printf("hospital     %,d -> %,d (%+d: the fee, released only by a verified proof, less its tx fee)%n",
                        hospitalBefore, hospitalAfter, hospitalAfter - hospitalBefore);

                step("7. The ledger's log for this hospital (what an auditor checks)");
                commitmentLog(rpc, providerAddr);
                events(rpc, "prediction_requested.request_id", requestId);
                events(rpc, "prediction_fulfilled.request_id", requestId);
                events(rpc, "prediction_rejected.request_id", requestId);
                System.out.println();
                System.out.println("demo files: " + work + " (gateway log: " + work.resolve("gateway.log") + ")");
            } finally {
                gateway.destroy();
                gateway.waitFor();
            }
        }
        return 0;
    }

    private ModelCard modelPipeline() throws IOException {
        step("1. The model: the breast-cancer MLP, quantised for proving");
        Path onnx = fixtures.resolve("bc_mlp.onnx");
        var q = ModelPipeline.quantize(onnx, fixtures.resolve("breast_cancer_calib.csv"), QuantConfig.DEFAULT, Map.of(),
                List.of("malignant", "benign"), "bc_mlp");
        CsvDataset test = CsvDataset.read(fixtures.resolve("breast_cancer_test.csv"));
        try (OrtWitnessRunner ort = new OrtWitnessRunner(q.quantized().intModel(), ExecutionProvider.parse(ep), 0)) {
            var c = ModelPipeline.compare(q.floatModel(), q.quantized(), test, ort);
            System.out.printf("quantised    %d parameters; test split %d rows: float %s | quantised %s%n",
                    q.quantized().intModel().parameterCount(), c.rows(), c.floatMetrics().summary(), c.quantMetrics().summary());
            System.out.printf("ORT == Java  %d/%d witnesses bit-for-bit identical (ONNX Runtime provider %s)%n",
                    c.ortMatches(), c.rows(), ort.provider());
        }
        return q.card();
    }

    private Process startGateway(String rpcUrl, String anchor, Path providerKey) throws IOException, InterruptedException {
        Path jar = gatewayJar.toAbsolutePath();
        ObjectMapper json = new ObjectMapper();
        ObjectNode prov = json.createObjectNode();
        prov.put("providerKey", true);
        prov.putArray("datasets").addObject().put("name", "breast-cancer-training")
                .put("path", fixtures.resolve("breast_cancer_calib.csv").toString());
        ObjectNode m = prov.putArray("models").addObject();
        m.put("name", "bc-mlp").put("onnx", fixtures.resolve("bc_mlp.onnx").toString())
                .put("calibration", fixtures.resolve("breast_cancer_calib.csv").toString())
                .put("dataset", "breast-cancer-training").put("price", PRICE);
        m.putArray("labels").add("malignant").add("benign");
        Path provisioning = work.resolve("provisioning.json");
        Files.writeString(provisioning, json.writerWithDefaultPrettyPrinter().writeValueAsString(prov));
        int port = LocalLedger.freePorts(1)[0];
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED"));
        Map<String, String> props = new LinkedHashMap<>();
        props.put("zkgw.data-dir", work.resolve("gateway").toString());
        props.put("zkgw.provisioning.file", provisioning.toString());
        props.put("zkgw.chain.rpc-url", rpcUrl);
        props.put("zkgw.chain.chain-id", CHAIN_ID);
        props.put("zkgw.chain.trust-anchor", anchor);
        props.put("zkgw.chain.signing-key-file", providerKey.toString());
        props.put("zkgw.chain.sync-interval", "1s");
        props.put("zkgw.worker.poll-interval", "250ms");
        props.put("zkgw.policy.dir", policies.toAbsolutePath().toString());
        props.put("zkgw.inference.execution-provider", ep);
        props.put("quarkus.http.port", Integer.toString(port));
        // no identity provider in the demo: the admin API stays closed (every call is 401)
        props.put("quarkus.oidc.tenant-enabled", "false");
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-jar", jar.toString()));
        Path log = work.resolve("gateway.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            if (!p.isAlive()) {
                throw new Main.CliFailure("the gateway exited with " + p.exitValue() + "; see " + log);
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > end) {
                p.destroy();
                throw new Main.CliFailure("the gateway did not start within 120 s; see " + log);
            }
            Thread.sleep(250);
        }
        System.out.printf("gateway      http://127.0.0.1:%d (health /q/health, metrics /q/metrics), data %s, log %s%n",
                port, work.resolve("gateway"), log);
        return p;
    }

    /** Waits until the gateway's CommitModel is in a block; returns the ledger's model id. */
    private static String awaitModelCommitted(CometRpcClient rpc, String provider, Process gateway) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            var page = rpc.txSearch("model_committed.provider='" + provider + "'", 1, 10);
            Optional<String> id = page.txs().stream().findFirst().flatMap(t -> t.result().attribute("model_committed", "model_id"));
            if (id.isPresent()) {
                return id.get().toLowerCase();
            }
            if (!gateway.isAlive()) {
                throw new Main.CliFailure("the gateway exited with " + gateway.exitValue());
            }
            if (System.nanoTime() > end) {
                throw new Main.CliFailure("the gateway did not commit its model within 180 s");
            }
            Thread.sleep(300);
        }
    }

    private static void commitmentLog(CometRpcClient rpc, String provider) throws Exception {
        for (String type : List.of("provider_registered", "dataset_committed", "model_committed")) {
            events(rpc, type + ".provider", provider);
        }
    }

    private static void events(CometRpcClient rpc, String key, String value) throws Exception {
        String type = key.substring(0, key.indexOf('.'));
        for (TxRecord t : rpc.txSearch(key + "='" + value + "'", 1, 100).txs()) {
            StringBuilder attrs = new StringBuilder();
            t.result().events().stream().filter(e -> e.type().equals(type)).findFirst().ifPresent(e ->
                    e.attributes().forEach(a -> {
                        String v = a.value().length() > 20 ? a.value().substring(0, 16) + "…" : a.value();
                        attrs.append(' ').append(a.key()).append('=').append(v);
                    }));
            System.out.printf("  height %-5d %-21s tx %s…%s%n", t.height(), type, t.hashHex().substring(0, 16), attrs);
        }
    }

    /** The clinician's patient file: one test row, feature name → value (names from the model card). */
    private Path patientFile(ModelCard card) throws IOException {
        CsvDataset test = CsvDataset.read(fixtures.resolve("breast_cancer_test.csv"));
        double[] features = test.features()[row];
        List<String> names = card.input().features();
        Map<String, Double> patient = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            patient.put(names.get(i), features[i]);
        }
        Path file = work.resolve("patient.json");
        Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(patient));
        System.out.printf("patient.json %d features of test row %d (true label: %s)%n", names.size(), row,
                card.labelOf((int) test.labels()[row]));
        return file;
    }

    private static String onlyRequestIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).map(n -> n.substring(0, n.length() - 5))
                    .findFirst().orElseThrow(() -> new Main.CliFailure("zkgw request stored no request in " + dir));
        }
    }

    private static void step(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private static void reset(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }
}
