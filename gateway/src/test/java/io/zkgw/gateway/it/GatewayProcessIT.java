package io.zkgw.gateway.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkgw.chainapp.app.Genesis;
import io.zkgw.chainapp.it.CometNode;
import io.zkgw.chainapp.proto.Account;
import io.zkgw.chainapp.proto.Model;
import io.zkgw.chainapp.proto.ModelEpoch;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.RequestStatus;
import io.zkgw.chainclient.query.LedgerPaths;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.envelope.PreparedRequest;
import io.zkgw.envelope.RequestEnvelope;
import io.zkgw.envelope.SigningKey;
import io.zkgw.gateway.testing.Clinician;
import io.zkgw.gateway.testing.Fixtures;
import io.zkgw.gateway.testing.GatewayProcess;
import io.zkgw.gateway.testing.PlaintextScanner;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.inference.quant.QuantSpec;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.IntOp;
import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.inference.CircuitDescription;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.ModelCommitment;
import io.zkgw.prover.inference.RequesterCommitments;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The built gateway (target/quarkus-app) as a real process on PostgreSQL, against a real CometBFT node:
 * 50 requests sent concurrently by five clinicians; the gateway is killed with SIGKILL while a job is
 * being proved and started again; the ledger node is then stopped for 30 s, while a fulfilment is in
 * flight, and started again (its mempool is gone). Every
 * request must end fulfilled on the ledger exactly once: 50 fulfilments, every job CONFIRMED, and the
 * provider account executed exactly 50 transactions after its registrations plus one RecommitModel per
 * new model epoch (its sequence number; K = 11 proofs per commitment, so at least four), so
 * no fulfilment was sent twice. Runs in Maven's integration-test phase, after the gateway is packaged.
 * {@link GatewayBatchProcessIT} runs the same with batch proofs ({@link #batchSize()}); the counts above are then
 * per proof (one FulfillPredictions and one unit of the proof budget per batch).
 *
 * <p>Keycloak is not involved: the process gets its registrations from a provisioning file and the admin
 * API is closed (quarkus.oidc.tenant-enabled=false); the API with real tokens is LedgerEndToEndTest's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayProcessIT {
    private static final String CHAIN_ID = "zkgw-it";
    private static final long FEE = 10;
    private static final int CLINICIANS = 5;
    private static final int PER_CLINICIAN = 10;
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Path dir;
    private CometNode node;
    private SigningKey provider;
    private final List<byte[]> clinicianSeeds = new ArrayList<>();
    private Process gateway;
    private List<String> gatewayCommand;
    private int starts;

    /** zkgw.prover.batch-size of the gateway under test (GatewayBatchProcessIT: 8). */
    int batchSize() {
        return 1;
    }

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("zkgw-gw-it");
        provider = SigningKey.generate(RANDOM);
        Map<String, Long> balances = new LinkedHashMap<>();
        balances.put(HEX.formatHex(provider.address()), 1_000_000L);
        for (int i = 0; i < CLINICIANS; i++) {
            byte[] seed = new byte[32];
            RANDOM.nextBytes(seed);
            clinicianSeeds.add(seed);
            balances.put(HEX.formatHex(SigningKey.fromSeed(seed).address()), 1_000_000L);
        }
        node = CometNode.create(dir, CHAIN_ID, Genesis.appStateJson(1, 100_000, balances));
        node.start();
        Map<String, String> props = GatewayProcess.provision(dir, node.rpcPort, CHAIN_ID, provider, FEE);
        props.put("zkgw.worker.poll-interval", "200ms");
        props.put("zkgw.worker.lease", "20s");
        props.put("zkgw.worker.retry-backoff", "1s");
        props.put("zkgw.prover.batch-size", Integer.toString(batchSize()));
        props.put("zkgw.database.url", env("ZKGW_TEST_PG_IT_URL"));
        props.put("zkgw.database.username", env("ZKGW_TEST_PG_USER"));
        props.put("quarkus.http.port", Integer.toString(CometNode.freePorts(1)[0]));
        gatewayCommand = GatewayProcess.command(props, List.of(), Path.of("target/quarkus-app/quarkus-run.jar"));
        cleanDatabase();
        startGateway();
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void fiftyConcurrentRequestsSurviveAKillMidProofAndALedgerOutage() throws Exception {
        String providerHex = HEX.formatHex(provider.address());
        String modelId = awaitModelCommitted(providerHex);
        long seqAfterRegistration = account(provider.address()).getSequence();
        long balanceBefore = account(provider.address()).getBalance();

        Path zkm = GatewayProcess.zkm(dir);
        var model = ZkmFile.read(zkm);
        CircuitDescription d = CircuitDescription.of(model.model());
        double[][] rows = CsvDataset.read(Fixtures.file("breast_cancer_test.csv")).features();
        byte[] hpke = GatewayProcess.providerHpkeKey(node.rpcPort, provider.address());

        // five clinicians send ten requests each, concurrently
        Map<String, PreparedRequest> sentRequests = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(CLINICIANS);
        List<Future<?>> sent = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < CLINICIANS; c++) {
            byte[] seed = clinicianSeeds.get(c);
            int first = c * PER_CLINICIAN;
            sent.add(senders.submit(() -> {
                try (Clinician cl = new Clinician("http://127.0.0.1:" + node.rpcPort, CHAIN_ID, seed)) {
                    for (int i = 0; i < PER_CLINICIAN; i++) {
                        long[] x = model.card().spec().quantiseInput(rows[(first + i) % rows.length]);
                        PreparedRequest p = RequestEnvelope.prepare(d, x, CHAIN_ID, cl.address(), HEX.parseHex(modelId), FEE,
                                cl.height() + 50_000, hpke, RANDOM);
                        sentRequests.put(Clinician.requestId(cl.send(p.request(), p.encryptedPayload())), p);
                    }
                }
                return null;
            }));
        }

        // SIGKILL the gateway while a job is being proved, then start it again
        boolean killed = false;
        long end = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (!killed && System.nanoTime() < end) {
            if (countJobs("state = 'INFERRED'") > 0) {
                gateway.destroyForcibly().waitFor();
                killed = true;
            } else {
                Thread.sleep(20);
            }
        }
        assertTrue(killed, "no job was seen being proved");
        for (Future<?> f : sent) {
            f.get();
        }
        senders.shutdown();
        startGateway();

        // the ledger goes away for 30 s while transactions are in flight (a restarted node has lost its
        // mempool: the gateway must send them again), then comes back
        long inFlightBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (countJobs("state = 'SUBMITTED'") == 0 && System.nanoTime() < inFlightBy) {
            Thread.sleep(20);
        }
        node.stop();
        Thread.sleep(30_000);
        node.start();

        List<String> all = new ArrayList<>(sentRequests.keySet());
        assertEquals(CLINICIANS * PER_CLINICIAN, all.size());
        awaitAllFulfilled(all, Duration.ofMinutes(8));
        double seconds = (System.nanoTime() - t0) / 1e9;
        // the gateway confirms each inclusion through its light client a little after the ledger has it
        long confirmBy = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (countJobs("state <> 'CONFIRMED'") > 0 && System.nanoTime() < confirmBy) {
            Thread.sleep(500);
        }

        assertEquals(all.size(), countJobs("state = 'CONFIRMED'"), "every job CONFIRMED");
        assertEquals(0, countJobs("state <> 'CONFIRMED'"), "no job failed or left behind");
        Account after = account(provider.address());
        // one fulfilment tx per proof: per job proved alone, per batch (counted at its leader)
        long fulfilments = countJobs("batch_id is null or batch_id = id");
        if (batchSize() > 1) {
            assertTrue(fulfilments < all.size(), "requests were answered in batches: " + fulfilments + " proofs for " + all.size());
        } else {
            assertEquals(all.size(), fulfilments, "batch-size 1 proves each request alone");
        }
        // the proof budget: K = 11 proofs per commitment, so n proofs need epochs 0..⌈n/K⌉−1 at least; every
        // epoch took at most K and together exactly one proof per fulfilment
        byte[] chainModel = HEX.parseHex(modelId);
        int epochs = model(chainModel).getEpoch();
        int k = ModelCommitment.DEFAULT_PROOF_BUDGET;
        assertTrue(epochs >= (fulfilments - 1) / k, fulfilments + " proofs at K = " + k + " need at least " + (fulfilments - 1) / k
                + " RecommitModel: " + epochs);
        long proofs = 0;
        for (int e = 0; e <= epochs; e++) {
            ModelEpoch me = modelEpoch(chainModel, e);
            assertTrue(me.getProofsUsed() <= me.getProofBudget(), "epoch " + e + " within its budget");
            assertEquals(k, me.getProofBudget());
            proofs += me.getProofsUsed();
        }
        assertEquals(fulfilments, proofs, "one counted proof per fulfilment");
        assertEquals(fulfilments + epochs, after.getSequence() - seqAfterRegistration,
                "the provider executed exactly one transaction per proof plus one per epoch: no fulfilment was sent twice");
        assertEquals(balanceBefore + all.size() * FEE - fulfilments - epochs, after.getBalance(),
                all.size() + " fees earned, one tx fee per proof and per epoch paid");
        System.out.printf("%s: %d requests fulfilled by %d proofs (batch-size %d) in %.1f s despite a SIGKILL and a 30 s ledger outage "
                + "(gateway started %d times)%n", getClass().getSimpleName(), all.size(), fulfilments, batchSize(), seconds, starts);

        assertNoPlaintextOnTheLedger(model, zkm, sentRequests, fulfilments);
    }

    /**
     * Issue #6: no plaintext input value, weight, output or dataset record in any transaction. The secrets
     * of this run — every request's quantised input x and raw features, every unmasked output y (checked
     * against the reference interpreter first), every weight and bias of the served model, every record of
     * the committed dataset — go into a {@link PlaintextScanner}; every block from height 1 to the last is
     * read over RPC and each of its transactions (bytes) and its block results (events) is scanned.
     * Positive controls first: the scanner finds each kind of secret in the bytes where it really lives in
     * plaintext (the envelope's payload encoding, the prover's field encoding, the gateway's own .zkm
     * entries, the dataset file) and in a real ledger transaction with them spliced in, so a clean scan
     * means the bytes are not there.
     */
    private void assertNoPlaintextOnTheLedger(ZkmFile.Loaded model, Path zkm, Map<String, PreparedRequest> sent, long fulfilments)
            throws Exception {
        PlaintextScanner scanner = new PlaintextScanner(true);
        QuantSpec spec = model.card().spec();
        int outputsScanned = 0;
        Map.Entry<String, long[]> scannedOutput = null;
        try (CometRpcClient rpc = rpc()) {
            LedgerQueries q = new LedgerQueries(rpc);
            for (var e : sent.entrySet()) {
                String id = e.getKey();
                long[] x = e.getValue().payload().x();
                assertTrue(scanner.addInts("input of request " + id, x) > 0, "x of request " + id + " gives no pattern");
                PredictionRequest r = PredictionRequest.parseFrom(q.read(LedgerPaths.REQUEST, HEX.parseHex(id), false).value());
                long[] y = RequesterCommitments.unmask(MaskedOutput.decode(r.getMaskedOutput().toByteArray()).z(),
                        e.getValue().commitments().opening().r());
                assertArrayEquals(IntInterpreter.run(model.model(), x).output(), y, "the output of request " + id);
                // bc_mlp has one output, too few bits to recognise alone in proof bytes; it would leak as a
                // masked_output whose mask is zero (y itself after the fixed version and count prefix), and
                // that encoding is what is looked for. Proof-internal leaks are ZeroKnowledgeTest's (χ²).
                scanner.addBytes("output of request " + id + " (masked_output with a zero mask)",
                        new MaskedOutput(Arrays.stream(y).map(Goldilocks::fromSigned).toArray()).encode());
                scanner.addInts("output of request " + id, y);
                outputsScanned++;
                scannedOutput = Map.entry(id, y);
            }
        }
        assertEquals(sent.size(), outputsScanned, "every output is looked for");
        List<String> testLines = records(Fixtures.file("breast_cancer_test.csv"));
        double[][] testRows = CsvDataset.read(Fixtures.file("breast_cancer_test.csv")).features();
        for (int i = 0; i < testRows.length; i++) {
            scanner.addCsvRecord("patient record " + i, testLines.get(i));
            scanner.addDoubles("raw features of patient " + i, testRows[i]);
        }
        List<IntOp> ops = model.model().ops();
        for (int i = 0; i < ops.size(); i++) {
            // requantisation multipliers and shifts are left out: they are part of the public circuit description
            if (ops.get(i) instanceof IntOp.Dense dense) {
                scanner.addInts("weights of layer " + i, dense.w());
                scanner.addInts("weights of layer " + i + " transposed", transposed(dense.w(), dense.out(), dense.in()));
                scanner.addInts("bias of layer " + i, dense.b());
            } else if (ops.get(i) instanceof IntOp.Conv conv) {
                scanner.addInts("weights of layer " + i, conv.w());
                scanner.addInts("bias of layer " + i, conv.b());
            }
        }
        Path dataset = Fixtures.file("breast_cancer_calib.csv");
        List<String> records = records(dataset);
        double[][] datasetRows = CsvDataset.read(dataset).features();
        assertEquals(records.size(), datasetRows.length);
        for (int i = 0; i < records.size(); i++) {
            scanner.addCsvRecord("dataset record " + i, records.get(i));
            scanner.addDoubles("dataset record " + i + " features", datasetRows[i]);
            scanner.addInts("dataset record " + i + " quantised", spec.quantiseInput(datasetRows[i]));
        }

        // positive controls: the scanner finds each kind of secret where it is plaintext
        var firstSent = sent.entrySet().iterator().next();
        PreparedRequest first = firstSent.getValue();
        String firstId = firstSent.getKey();
        assertFound(scanner, "input of request " + firstId, "i64-be", first.payload().encode());
        assertFound(scanner, "input of request " + firstId, "field-le",
                new ByteWriter().fields(Arrays.stream(first.payload().x()).map(Goldilocks::fromSigned).toArray()).toByteArray());
        int dense = firstDense(ops);
        long[] w = ((IntOp.Dense) ops.get(dense)).w();
        assertFound(scanner, "weights of layer " + dense, "i64-be", zkmEntry(zkm, "model.zkir"));
        assertFound(scanner, "weights of layer " + dense + " transposed", "i64-le", zkmEntry(zkm, "model.onnx"));
        assertFound(scanner, "weights of layer " + dense, "field-le",
                new ByteWriter().fields(Arrays.stream(w).map(Goldilocks::fromSigned).toArray()).toByteArray());
        // an output as masked_output would carry it were its mask zero
        assertFound(scanner, "output of request " + scannedOutput.getKey(), "masked_output with a zero mask",
                new MaskedOutput(Arrays.stream(scannedOutput.getValue()).map(Goldilocks::fromSigned).toArray()).encode());
        assertFound(scanner, "dataset record 7", null, Files.readAllBytes(dataset));
        assertFound(scanner, "patient record 3", "fields 0..2", Files.readAllBytes(Fixtures.file("breast_cancer_test.csv")));

        // every transaction of every block, and every block's results
        List<PlaintextScanner.Hit> hits = new ArrayList<>();
        byte[] largest = new byte[0];
        int txs = 0;
        long last;
        try (CometRpcClient rpc = rpc()) {
            last = rpc.latestHeight();
            for (long h = 1; h <= last; h++) {
                JsonNode block = rpc.call("block", CometRpcClient.params().put("height", Long.toString(h)));
                int i = 0;
                for (JsonNode t : block.path("block").path("data").path("txs")) {
                    byte[] tx = Base64.getDecoder().decode(t.asText());
                    hits.addAll(scanner.scan("tx " + i++ + " of block " + h, tx));
                    largest = tx.length > largest.length ? tx : largest;
                    txs++;
                }
                JsonNode results = rpc.call("block_results", CometRpcClient.params().put("height", Long.toString(h)));
                hits.addAll(scanner.scan("results of block " + h, results.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertTrue(txs >= sent.size() + fulfilments + 3, "registrations, requests and fulfilments were all scanned: " + txs + " txs");
        // the same scan finds a request's plaintext payload spliced into the largest transaction (a fulfilment)
        byte[] spliced = largest.clone();
        byte[] payload = first.payload().encode();
        System.arraycopy(payload, 0, spliced, spliced.length / 2, payload.length);
        assertFound(scanner, "input of request " + firstId, "i64-be", spliced);
        assertTrue(hits.isEmpty(), hits.size() + " plaintext patterns on the ledger, among them " + hits.subList(0, Math.min(20, hits.size())));
        System.out.printf("%s: %d patterns of inputs, outputs (%d of %d), weights and records absent from "
                + "%d txs in %d blocks%n", getClass().getSimpleName(), scanner.size(), outputsScanned, sent.size(), txs, last);
    }

    /** The scan of {@code where} finds {@code secret} (whole, or a window of it in {@code form}). */
    private static void assertFound(PlaintextScanner scanner, String secret, String form, byte[] where) {
        List<PlaintextScanner.Hit> hits = scanner.scan("control", where);
        assertTrue(hits.stream().anyMatch(h -> form == null ? h.secret().equals(secret)
                        : h.secret().startsWith(secret + " (") && h.secret().endsWith(form + ")")),
                "the scanner does not find " + secret + " " + form + " where it is; it found "
                        + hits.stream().map(PlaintextScanner.Hit::secret).distinct().limit(5).toList());
    }

    /** The data lines of a CSV file, as the commitments module reads its records (no header, no terminator). */
    private static List<String> records(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isEmpty()).toList();
    }

    private static long[] transposed(long[] w, int rows, int cols) {
        long[] t = new long[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }

    private static int firstDense(List<IntOp> ops) {
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) instanceof IntOp.Dense) {
                return i;
            }
        }
        throw new AssertionError("the model has no dense layer");
    }

    /** An entry of the gateway's .zkm file (a zip), uncompressed. */
    private static byte[] zkmEntry(Path zkm, String name) throws IOException {
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zkm))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return z.readAllBytes();
                }
            }
        }
        throw new AssertionError(zkm + " has no " + name);
    }

    private void awaitAllFulfilled(List<String> ids, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        try (CometRpcClient rpc = rpc()) {
            LedgerQueries q = new LedgerQueries(rpc);
            List<String> open = new ArrayList<>(ids);
            while (!open.isEmpty()) {
                List<String> still = new ArrayList<>();
                for (String id : open) {
                    PredictionRequest r = PredictionRequest.parseFrom(q.read(LedgerPaths.REQUEST, HEX.parseHex(id), false).value());
                    if (r.getStatus() == RequestStatus.REQUEST_STATUS_PENDING) {
                        still.add(id);
                    } else {
                        assertEquals(RequestStatus.REQUEST_STATUS_FULFILLED, r.getStatus(), "request " + id);
                    }
                }
                open = still;
                if (!open.isEmpty()) {
                    if (System.nanoTime() > end) {
                        throw new AssertionError(open.size() + " requests still pending; gateway log " + dir.resolve("gateway.log"));
                    }
                    if (!gateway.isAlive()) {
                        throw new AssertionError("the gateway exited with " + gateway.exitValue() + "; log " + dir.resolve("gateway.log"));
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    private String awaitModelCommitted(String providerHex) throws Exception {
        return GatewayProcess.awaitModelCommitted(node.rpcPort, providerHex, gateway, dir.resolve("gateway.log"),
                Duration.ofSeconds(180));
    }

    private void startGateway() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(gatewayCommand).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("gateway.log").toFile()));
        pb.environment().put("QUARKUS_PROFILE", "postgresql");
        pb.environment().put("ZKGW_DATABASE_PASSWORD", env("ZKGW_TEST_PG_PASSWORD"));
        gateway = pb.start();
        starts++;
    }

    /** The gateway's tables are dropped so its Flyway starts from an empty schema (a database of its own: zkgw_it). */
    private static void cleanDatabase() throws Exception {
        try (Connection c = db()) {
            c.createStatement().execute("drop schema public cascade");
            c.createStatement().execute("create schema public");
        }
    }

    private static long countJobs(String where) throws Exception {
        try (Connection c = db()) {
            try (ResultSet r = c.createStatement().executeQuery("select count(*) from job where " + where)) {
                r.next();
                return r.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            return 0; // the schema is not there yet (the gateway is still starting)
        }
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(env("ZKGW_TEST_PG_IT_URL"), env("ZKGW_TEST_PG_USER"), env("ZKGW_TEST_PG_PASSWORD"));
    }

    private Model model(byte[] id) throws Exception {
        try (CometRpcClient rpc = rpc()) {
            return Model.parseFrom(new LedgerQueries(rpc).read(LedgerPaths.MODEL, id, false).value());
        }
    }

    private ModelEpoch modelEpoch(byte[] id, int epoch) throws Exception {
        try (CometRpcClient rpc = rpc()) {
            return ModelEpoch.parseFrom(new LedgerQueries(rpc).read(LedgerPaths.MODEL_EPOCH,
                    LedgerPaths.modelEpochData(id, epoch), false).value());
        }
    }

    private Account account(byte[] address) throws Exception {
        try (CometRpcClient rpc = rpc()) {
            var v = new LedgerQueries(rpc).read(LedgerPaths.ACCOUNT, address, false).value();
            return Account.parseFrom(v);
        }
    }

    private CometRpcClient rpc() {
        return new CometRpcClient(URI.create("http://127.0.0.1:" + node.rpcPort), Duration.ofSeconds(20));
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: source .ci/steps/20-postgres.sh (bash .ci/run does)");
        }
        return v;
    }
}
