package io.zkgw.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkgw.chainapp.app.Genesis;
import io.zkgw.chainapp.it.CometNode;
import io.zkgw.chainapp.node.NodeConfig;
import io.zkgw.chainapp.node.NodeInit;
import io.zkgw.chainapp.node.TomlPatch;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.RequestStatus;
import io.zkgw.chainapp.proto.Tx;
import io.zkgw.chainapp.proto.TxBody;
import io.zkgw.chainclient.query.LedgerPaths;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.TxRecord;
import io.zkgw.chainclient.rpc.TxSearchPage;
import io.zkgw.envelope.PreparedRequest;
import io.zkgw.envelope.RequestEnvelope;
import io.zkgw.envelope.SigningKey;
import io.zkgw.gateway.testing.Clinician;
import io.zkgw.gateway.testing.Fixtures;
import io.zkgw.gateway.testing.GatewayProcess;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.prover.inference.CircuitDescription;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Issue 6's gateway benchmark (bench/run-gateway-bench.sh): sustained fulfilled bc_mlp predictions per
 * second and request-to-confirmed latency, on real parts — one CometBFT validator with the chain app (in
 * this JVM, as in GatewayProcessIT), the packaged gateway as a process on PostgreSQL or its embedded H2,
 * and clinicians building real encrypted requests. Everything is counted from the ledger: a request's
 * inclusion height and its closing height (PredictionRequest.height / closed_height), timed by the
 * validator's precommit timestamp of each block, i.e. the moment the block was committed.
 *
 * <p>Setup follows GatewayProcessIT (genesis, provisioning file, gateway system properties); it is not
 * shared code because the IT keeps its helpers private.
 */
public final class GatewayThroughputBench implements AutoCloseable {
    private static final String CHAIN_ID = "zkgw-bench";
    private static final long FEE = 10;
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** policies/30-rate-limit.yaml admits 20 requests per requester per hour: each account sends fewer. */
    private static final int PER_ACCOUNT = 19;

    /** Command-line options (see usage()). */
    static final class Options {
        int requests = 200;
        int warmup = 20;
        int clinicians = 8;
        double rate = 0;
        boolean closedLoop = false;
        int batch = 1;
        Duration batchWait = Duration.ofMillis(300);
        String db = "postgresql";
        Duration timeoutCommit = Duration.ofMillis(100);
        Duration timeoutPropose = Duration.ofMillis(1000);
        String nodeLogLevel = "info";
        boolean emptyBlocks = true;
        Map<String, String> gatewayProps = new TreeMap<>();
        String gatewayJvm = "";
        Path gatewayJar = Path.of("target/quarkus-app/quarkus-run.jar");
        Path out = Path.of("../bench/results");
        String label = "";
        Duration timeout = Duration.ofMinutes(15);
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        if (o.batch < 1 || o.batch > 64) {
            System.err.println("--batch " + o.batch + ": zkgw.prover.batch-size must be 1..64 (FulfillPredictions answers at most 64)");
            System.exit(2);
        }
        int code;
        try (GatewayThroughputBench b = new GatewayThroughputBench(o)) {
            code = b.run();
        }
        System.exit(code);
    }

    private final Options o;
    private Path dir;
    private CometNode node;
    private Process gateway;
    private int gatewayPort;
    private String dbUrl;

    GatewayThroughputBench(Options o) {
        this.o = o;
    }

    /** One request as the clinician saw it. */
    record Sent(int index, String requestId, long broadcastMillis, long includedHeight) {}

    int run() throws Exception {
        dir = Files.createTempDirectory("zkgw-gw-bench");
        int total = o.warmup + o.requests;
        // accounts: each clinician thread owns whole accounts, so no two threads share a sequence number
        int perThread = (total + o.clinicians - 1) / o.clinicians;
        int accountsPerThread = (perThread + PER_ACCOUNT - 1) / PER_ACCOUNT;
        List<List<byte[]>> seeds = new ArrayList<>();
        SigningKey provider = SigningKey.generate(RANDOM);
        Map<String, Long> balances = new LinkedHashMap<>();
        balances.put(HEX.formatHex(provider.address()), 1_000_000_000L);
        for (int t = 0; t < o.clinicians; t++) {
            List<byte[]> mine = new ArrayList<>();
            for (int a = 0; a < accountsPerThread; a++) {
                byte[] seed = new byte[32];
                RANDOM.nextBytes(seed);
                mine.add(seed);
                balances.put(HEX.formatHex(SigningKey.fromSeed(seed).address()), 1_000_000L);
            }
            seeds.add(mine);
        }
        startNode(Genesis.appStateJson(1, 100_000, balances));
        startGateway(provider);
        log("ledger rpc :%d, gateway :%d (%s), work dir %s", node.rpcPort, gatewayPort, o.db, dir);

        String modelId = awaitModelCommitted(HEX.formatHex(provider.address()));
        var model = ZkmFile.read(GatewayProcess.zkm(dir));
        CircuitDescription d = CircuitDescription.of(model.model());
        double[][] rows = CsvDataset.read(Fixtures.file("breast_cancer_test.csv")).features();
        byte[] hpke = GatewayProcess.providerHpkeKey(node.rpcPort, provider.address());
        log("model %s committed; sending %d requests (%d warm-up) from %d clinicians (%d accounts), %s", modelId, total,
                o.warmup, o.clinicians, o.clinicians * accountsPerThread,
                o.rate > 0 ? "open loop at " + o.rate + "/s" : o.closedLoop ? "closed loop (each waits for its fulfilment)"
                        : "back to back (each waits for its request's inclusion)");

        Metrics before = scrapeMetrics();
        CpuSampler cpu = new CpuSampler(gateway.pid());
        cpu.start();
        AtomicInteger next = new AtomicInteger();
        AtomicLong clinicianCpuNanos = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Map<Integer, Sent> sent = new ConcurrentHashMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(o.clinicians);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < o.clinicians; t++) {
            List<byte[]> mine = seeds.get(t);
            fs.add(senders.submit(() -> {
                List<Clinician> accounts = new ArrayList<>();
                for (byte[] seed : mine) {
                    accounts.add(new Clinician("http://127.0.0.1:" + node.rpcPort, CHAIN_ID, seed));
                }
                int mySends = 0;
                try {
                    int i;
                    while (failure.get() == null && (i = next.getAndIncrement()) < total) {
                        if (o.rate > 0) {
                            long due = t0 + (long) (i * 1e9 / o.rate);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(Duration.ofNanos(wait));
                            }
                        }
                        Clinician cl = accounts.get(mySends++ / PER_ACCOUNT);
                        long[] x = model.card().spec().quantiseInput(rows[i % rows.length]);
                        long broadcast = System.currentTimeMillis();
                        PreparedRequest p = RequestEnvelope.prepare(d, x, CHAIN_ID, cl.address(), HEX.parseHex(modelId), FEE,
                                cl.height() + 50_000, hpke, RANDOM);
                        TxRecord tx = cl.send(p.request(), p.encryptedPayload());
                        String id = Clinician.requestId(tx);
                        sent.put(i, new Sent(i, id, broadcast, tx.height()));
                        if (o.closedLoop) {
                            awaitClosed(cl, id);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    clinicianCpuNanos.addAndGet(threads.getCurrentThreadCpuTime());
                    accounts.forEach(Clinician::close);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        senders.shutdown();
        if (failure.get() != null) {
            throw new IllegalStateException("a clinician failed", failure.get());
        }
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        log("all %d requests included after %.1f s (offered %.2f/s); waiting for fulfilments", total, sendSeconds, total / sendSeconds);
        Map<String, PredictionRequest> closed = awaitAllClosed(sent.values(), o.timeout);
        cpu.stop();
        Metrics after = scrapeMetrics();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        ObjectNode result = report(sent, closed, before, after, cpu, clinicianCpuNanos.get(), elapsed, total / sendSeconds);
        write(result);
        return 0;
    }

    // ---- the parts -------------------------------------------------------------------------------

    /** One validator configured as CometNode.create does, with this run's block timing and mempool settings. */
    private void startNode(String appState) throws Exception {
        Path home = dir.resolve("cometbft");
        int[] ports = CometNode.freePorts(3);
        NodeConfig cfg = new NodeConfig(CHAIN_ID, "tcp://127.0.0.1:" + ports[2], "tcp://127.0.0.1:" + ports[0],
                "tcp://127.0.0.1:" + ports[1], o.timeoutPropose, o.timeoutCommit, appState, o.nodeLogLevel);
        NodeInit.init(CometNode.binary(), home, cfg);
        if (!o.emptyBlocks) {
            Path toml = home.resolve("config/config.toml");
            Files.writeString(toml, new TomlPatch(Files.readString(toml)).setBool("consensus", "create_empty_blocks", false).toString());
        }
        node = new CometNode(home, dir.resolve("app"), ports[0], ports[2]);
        node.start();
    }

    private void startGateway(SigningKey provider) throws Exception {
        Map<String, String> props = GatewayProcess.provision(dir, node.rpcPort, CHAIN_ID, provider, FEE);
        gatewayPort = CometNode.freePorts(1)[0];
        props.put("zkgw.worker.poll-interval", "100ms");
        props.put("zkgw.prover.batch-size", Integer.toString(o.batch));
        props.put("zkgw.prover.batch-wait", o.batchWait.toMillis() + "ms");
        props.put("quarkus.http.port", Integer.toString(gatewayPort));
        if (o.db.equals("postgresql")) {
            dbUrl = env("ZKGW_BENCH_PG_URL");
            props.put("zkgw.database.url", dbUrl);
            props.put("zkgw.database.username", env("ZKGW_TEST_PG_USER"));
            cleanDatabase();
        }
        props.putAll(o.gatewayProps); // the run's own settings win
        List<String> jvm = java.util.Arrays.stream(o.gatewayJvm.split("\\s+")).filter(j -> !j.isBlank()).toList();
        List<String> cmd = GatewayProcess.command(props, jvm, o.gatewayJar);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("gateway.log").toFile()));
        if (o.db.equals("postgresql")) {
            pb.environment().put("QUARKUS_PROFILE", "postgresql");
            pb.environment().put("ZKGW_DATABASE_PASSWORD", env("ZKGW_TEST_PG_PASSWORD"));
        }
        gateway = pb.start();
    }

    private String awaitModelCommitted(String providerHex) throws Exception {
        return GatewayProcess.awaitModelCommitted(node.rpcPort, providerHex, gateway, dir.resolve("gateway.log"),
                Duration.ofSeconds(300));
    }

    private static void awaitClosed(Clinician cl, String id) throws Exception {
        while (cl.request(id).getStatus() == RequestStatus.REQUEST_STATUS_PENDING) {
            Thread.sleep(250);
        }
    }

    /** Polls the ledger until no request is pending; returns each request's final state. */
    private Map<String, PredictionRequest> awaitAllClosed(Iterable<Sent> all, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        Map<String, PredictionRequest> closed = new HashMap<>();
        List<String> open = new ArrayList<>();
        List<Sent> inOrder = new ArrayList<>();
        all.forEach(inOrder::add);
        inOrder.sort((a, b) -> Long.compare(a.includedHeight(), b.includedHeight()));
        inOrder.forEach(s -> open.add(s.requestId()));
        try (CometRpcClient rpc = rpc()) {
            LedgerQueries q = new LedgerQueries(rpc);
            while (!open.isEmpty()) {
                // oldest first, stopping at the first pending one: the gateway answers roughly in order, and
                // reading every open request each round would load the node (and this JVM's chain app)
                // with queries while it is being measured
                while (!open.isEmpty()) {
                    String id = open.getFirst();
                    PredictionRequest r = PredictionRequest.parseFrom(q.read(LedgerPaths.REQUEST, HEX.parseHex(id), false).value());
                    if (r.getStatus() == RequestStatus.REQUEST_STATUS_PENDING) {
                        break;
                    }
                    closed.put(id, r);
                    open.removeFirst();
                }
                if (!open.isEmpty()) {
                    if (System.nanoTime() > end) {
                        throw new IllegalStateException(open.size() + " requests still pending; gateway log " + dir.resolve("gateway.log"));
                    }
                    if (!gateway.isAlive()) {
                        throw new IllegalStateException("the gateway exited; log " + dir.resolve("gateway.log"));
                    }
                    Thread.sleep(500);
                }
            }
        }
        return closed;
    }

    // ---- measurement -----------------------------------------------------------------------------

    private ObjectNode report(Map<Integer, Sent> sent, Map<String, PredictionRequest> closed, Metrics before, Metrics after,
                              CpuSampler cpu, long clinicianCpuNanos, double elapsed, double offered) throws Exception {
        Map<Long, Long> committedAt = new HashMap<>();
        List<Sent> measured = sent.values().stream().filter(s -> s.index() >= o.warmup).sorted((a, b) -> a.index() - b.index()).toList();
        Map<String, Integer> statuses = new TreeMap<>();
        List<Double> inclToIncl = new ArrayList<>();
        List<Double> bcastToIncl = new ArrayList<>();
        List<Long> fulfilMillisAll = new ArrayList<>();
        try (CometRpcClient rpc = rpc()) {
            for (Sent s : sent.values()) {
                PredictionRequest r = closed.get(s.requestId());
                if (r.getStatus() == RequestStatus.REQUEST_STATUS_FULFILLED) {
                    fulfilMillisAll.add(committed(rpc, committedAt, r.getClosedHeight()));
                }
            }
            for (Sent s : measured) {
                PredictionRequest r = closed.get(s.requestId());
                statuses.merge(r.getStatus().name(), 1, Integer::sum);
                if (r.getStatus() != RequestStatus.REQUEST_STATUS_FULFILLED) {
                    continue;
                }
                long f = committed(rpc, committedAt, r.getClosedHeight());
                inclToIncl.add((f - committed(rpc, committedAt, r.getHeight())) / 1000.0);
                bcastToIncl.add((f - s.broadcastMillis()) / 1000.0);
            }
        }
        // the steady window: fulfilments after the first `warmup` and before the last `clinicians` (the
        // start-up ramp and the drain with fewer requests in flight), as blocks committed per second
        long[] ts = fulfilMillisAll.stream().mapToLong(Long::longValue).sorted().toArray();
        int lo = Math.min(o.warmup, ts.length - 1);
        int hi = Math.max(lo, ts.length - 1 - Math.min(o.clinicians, o.requests / 10));
        double windowSeconds = (ts[hi] - ts[lo]) / 1000.0;
        double throughput = windowSeconds > 0 ? (hi - lo) / windowSeconds : Double.NaN;

        // fulfilment transactions: sizes and per-block packing, from the ledger's index
        List<Integer> txBytes = new ArrayList<>();
        List<Integer> proofBytes = new ArrayList<>();
        List<Integer> answersPerTx = new ArrayList<>();
        Map<Long, Integer> perBlock = new TreeMap<>();
        try (CometRpcClient rpc = rpc()) {
            for (int page = 1; ; page++) {
                TxSearchPage p = rpc.txSearch("prediction_fulfilled.provider EXISTS", page, 100);
                for (TxRecord t : p.txs()) {
                    txBytes.add(t.tx().size());
                    TxBody body = TxBody.parseFrom(Tx.parseFrom(t.tx()).getBody());
                    boolean batched = body.hasFulfillPredictions();
                    int answers = batched ? body.getFulfillPredictions().getAnswersCount() : 1;
                    proofBytes.add(batched ? body.getFulfillPredictions().getProof().size() : body.getFulfillPrediction().getProof().size());
                    answersPerTx.add(answers);
                    perBlock.merge(t.height(), answers, Integer::sum);
                }
                if (page * 100 >= p.totalCount()) {
                    break;
                }
            }
        }

        ObjectNode r = JSON.createObjectNode();
        r.put("date", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19));
        r.put("label", o.label);
        ObjectNode cfg = r.putObject("config");
        cfg.put("model", "bc_mlp").put("requests", o.requests).put("warmup", o.warmup).put("clinicians", o.clinicians)
                .put("mode", o.rate > 0 ? "open loop " + o.rate + "/s" : o.closedLoop ? "closed loop" : "back to back")
                .put("batch", o.batch).put("batching", o.batch == 1 ? "off" : "on, wait " + o.batchWait.toMillis() + " ms")
                .put("database", o.db).put("timeout_commit_ms", o.timeoutCommit.toMillis())
                .put("timeout_propose_ms", o.timeoutPropose.toMillis()).put("empty_blocks", o.emptyBlocks)
                .put("node_log_level", o.nodeLogLevel).put("gateway_jvm", o.gatewayJvm);
        ObjectNode gp = cfg.putObject("gateway_properties");
        o.gatewayProps.forEach(gp::put);
        r.put("statuses", JSON.valueToTree(statuses));
        r.put("offered_per_s", round(offered));
        r.put("fulfilled_per_s", round(throughput));
        r.put("window_fulfilments", hi - lo);
        r.put("window_s", round(windowSeconds));
        r.put("elapsed_s", round(elapsed));
        r.set("latency_incl_to_incl_s", summary(inclToIncl));
        r.set("latency_broadcast_to_incl_s", summary(bcastToIncl));
        double provingMean = after.count("zkgw_proving_seconds_count") > before.count("zkgw_proving_seconds_count")
                ? (after.count("zkgw_proving_seconds_sum") - before.count("zkgw_proving_seconds_sum"))
                / (after.count("zkgw_proving_seconds_count") - before.count("zkgw_proving_seconds_count")) * 1000 : Double.NaN;
        r.put("proving_ms_mean_metrics", round(provingMean));
        r.put("proving_ms_max_metrics", round(after.count("zkgw_proving_seconds_max") * 1000));
        r.set("tx_bytes", summary(txBytes.stream().map(Integer::doubleValue).toList()));
        r.set("answers_per_tx", summary(answersPerTx.stream().map(Integer::doubleValue).toList()));
        r.set("proof_bytes", summary(proofBytes.stream().map(Integer::doubleValue).toList()));
        r.set("fulfilments_per_block", summary(perBlock.values().stream().map(Integer::doubleValue).toList()));
        if (o.db.equals("postgresql")) {
            r.set("jobs", jobRows());
        }
        r.set("gateway_steps_ms", stepTimes(sent, closed, committedAt));
        r.set("cpu", cpu.report(clinicianCpuNanos, Math.max(1, fulfilMillisAll.size())));
        r.put("work_dir", dir.toString());
        return r;
    }

    /** The commit moment of block h: its validator's precommit timestamp (epoch ms). */
    private static long committed(CometRpcClient rpc, Map<Long, Long> cache, long h) throws Exception {
        Long t = cache.get(h);
        if (t == null) {
            var sigs = rpc.commit(h).commit().signatures();
            t = sigs.stream().map(s -> s.timestamp().toEpochMilli()).max(Long::compare).orElseThrow();
            cache.put(h, t);
        }
        return t;
    }

    /** Proving time, proof and tx sizes from the gateway's job rows (PostgreSQL runs only). */
    private ObjectNode jobRows() throws Exception {
        ObjectNode n = JSON.createObjectNode();
        try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery(
                "select proving_millis, state from job")) {
            List<Double> prove = new ArrayList<>();
            Map<String, Integer> states = new TreeMap<>();
            while (rs.next()) {
                if (rs.getObject(1) != null) {
                    prove.add(rs.getDouble(1));
                }
                states.merge(rs.getString(2), 1, Integer::sum);
            }
            n.set("proving_ms", summary(prove));
            n.set("states", JSON.valueToTree(states));
        }
        return n;
    }

    /**
     * Where a job's time goes inside the gateway, from its log (JSON lines): request inclusion → job
     * created ("request … received"), and each step's completion ("job …: A -> B"). Steps are timed
     * completion to completion; DECRYPTED includes the wait for a worker thread.
     */
    private ObjectNode stepTimes(Map<Integer, Sent> sent, Map<String, PredictionRequest> closed, Map<Long, Long> committedAt)
            throws IOException {
        Map<String, Long> received = new HashMap<>();
        Map<String, Map<String, Long>> jobs = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("gateway.log"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode j;
            try {
                j = JSON.readTree(line);
            } catch (IOException e) {
                continue;
            }
            String msg = j.path("message").asText("");
            long t;
            try {
                t = Instant.parse(j.path("timestamp").asText()).toEpochMilli();
            } catch (RuntimeException e) {
                t = java.time.OffsetDateTime.parse(j.path("timestamp").asText()).toInstant().toEpochMilli();
            }
            if (msg.startsWith("request ") && msg.contains(" received")) {
                received.put(msg.split(" ")[1], t);
            } else if (msg.startsWith("job ") && msg.contains(" -> ")) {
                String id = msg.substring(4, msg.indexOf(':'));
                jobs.computeIfAbsent(id, k -> new HashMap<>()).put(msg.substring(msg.lastIndexOf(' ') + 1), t);
            }
        }
        Map<String, List<Double>> d = new LinkedHashMap<>();
        for (Sent s : sent.values()) {
            Long r = received.get(s.requestId());
            Long incl = committedAt.get(closed.get(s.requestId()).getHeight());
            if (s.index() >= o.warmup && r != null && incl != null) {
                d.computeIfAbsent("request committed -> job received", k -> new ArrayList<>()).add((double) (r - incl));
            }
        }
        String[] order = {"DECRYPTED", "ADMITTED", "INFERRED", "PROVED", "SUBMITTED", "CONFIRMED"};
        for (Map<String, Long> j : jobs.values()) {
            for (int i = 1; i < order.length; i++) {
                Long a = j.get(order[i - 1]);
                Long b = j.get(order[i]);
                if (a != null && b != null) {
                    d.computeIfAbsent(order[i - 1] + " -> " + order[i], k -> new ArrayList<>()).add((double) (b - a));
                }
            }
        }
        ObjectNode n = JSON.createObjectNode();
        d.forEach((k, v) -> n.set(k, summary(v)));
        return n;
    }

    /** Prometheus text from /q/metrics: name{labels} value, summed over labels. */
    record Metrics(Map<String, Double> values) {
        double count(String name) {
            return values.getOrDefault(name, 0.0);
        }
    }

    private Metrics scrapeMetrics() {
        Map<String, Double> v = new HashMap<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                int sp = line.lastIndexOf(' ');
                int brace = line.indexOf('{');
                String name = brace > 0 && brace < sp ? line.substring(0, brace) : line.substring(0, sp);
                try {
                    v.merge(name, Double.parseDouble(line.substring(sp + 1)), Double::sum);
                } catch (NumberFormatException e) {
                    // not a sample line
                }
            }
        } catch (Exception e) {
            log("metrics not read: %s", e);
        }
        return new Metrics(v);
    }

    /**
     * CPU seconds of each part over the run, from /proc: the gateway process, the cometbft process, the
     * PostgreSQL processes (all of the machine's), this JVM (chain app and clinicians), the whole
     * machine; plus the load average sampled every second.
     */
    static final class CpuSampler {
        private final long gatewayPid;
        private final long cometPid;
        private final List<double[]> load = new ArrayList<>();
        private Thread thread;
        private volatile boolean running;
        private Map<String, Double> start;
        private Map<String, Double> end;
        private long startNanos;
        private long endNanos;

        CpuSampler(long gatewayPid) {
            this.gatewayPid = gatewayPid;
            this.cometPid = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("cometbft")).mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
        }

        void start() {
            start = snapshot();
            startNanos = System.nanoTime();
            running = true;
            thread = Thread.ofPlatform().daemon(true).start(() -> {
                while (running) {
                    try {
                        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                        synchronized (load) {
                            load.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
                        }
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            end = snapshot();
            endNanos = System.nanoTime();
            running = false;
            thread.interrupt();
            thread.join();
        }

        private Map<String, Double> snapshot() {
            Map<String, Double> s = new LinkedHashMap<>();
            s.put("gateway", procCpu(gatewayPid));
            s.put("cometbft", procCpu(cometPid));
            double pg = 0;
            try (Stream<Path> ps = Files.list(Path.of("/proc"))) {
                for (Path p : ps.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        if (Files.readString(p.resolve("comm")).trim().startsWith("postgres")) {
                            pg += procCpu(Long.parseLong(p.getFileName().toString()));
                        }
                    } catch (IOException | RuntimeException e) {
                        // gone meanwhile
                    }
                }
            } catch (IOException e) {
                // no /proc
            }
            s.put("postgres", pg);
            s.put("bench jvm", ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9);
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                double busy = 0;
                double idle = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    double v = Double.parseDouble(f[i]) / 100.0;
                    if (i == 4 || i == 5) {
                        idle += v;
                    } else {
                        busy += v;
                    }
                }
                s.put("machine busy", busy);
                s.put("machine idle", idle);
            } catch (IOException e) {
                // no /proc
            }
            return s;
        }

        /** utime + stime of a process in seconds (USER_HZ = 100), 0 when unknown. */
        private static double procCpu(long pid) {
            if (pid <= 0) {
                return 0;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        ObjectNode report(long clinicianCpuNanos, int fulfilled) {
            ObjectNode n = JSON.createObjectNode();
            double wall = (endNanos - startNanos) / 1e9;
            n.put("wall_s", round(wall));
            ObjectNode secs = n.putObject("cpu_s");
            ObjectNode perF = n.putObject("cpu_ms_per_fulfilment");
            for (var e : end.entrySet()) {
                double v = e.getValue() - start.getOrDefault(e.getKey(), 0.0);
                if (e.getKey().equals("bench jvm")) {
                    double cl = clinicianCpuNanos / 1e9;
                    secs.put("clinicians (bench jvm)", round(cl));
                    perF.put("clinicians (bench jvm)", round(cl * 1000 / fulfilled));
                    secs.put("chain app (bench jvm, rest)", round(v - cl));
                    perF.put("chain app (bench jvm, rest)", round((v - cl) * 1000 / fulfilled));
                } else {
                    secs.put(e.getKey(), round(v));
                    perF.put(e.getKey(), round(v * 1000 / fulfilled));
                }
            }
            double[] l1;
            synchronized (load) {
                l1 = load.stream().mapToDouble(a -> a[0]).toArray();
            }
            n.put("load1_mean", round(Arrays.stream(l1).average().orElse(Double.NaN)));
            n.put("load1_max", round(Arrays.stream(l1).max().orElse(Double.NaN)));
            n.put("cores", Runtime.getRuntime().availableProcessors());
            return n;
        }
    }

    static ObjectNode summary(List<Double> xs) {
        ObjectNode n = JSON.createObjectNode();
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        n.put("n", a.length);
        if (a.length == 0) {
            return n;
        }
        n.put("p50", round(pct(a, 50)));
        n.put("p95", round(pct(a, 95)));
        n.put("max", round(a[a.length - 1]));
        n.put("mean", round(Arrays.stream(a).average().orElseThrow()));
        return n;
    }

    /** Nearest-rank percentile of sorted {@code a}. */
    static double pct(double[] a, double p) {
        int rank = (int) Math.ceil(p / 100.0 * a.length);
        return a[Math.max(0, Math.min(a.length - 1, rank - 1))];
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
    }

    // ---- output ----------------------------------------------------------------------------------

    private void write(ObjectNode r) throws IOException {
        Files.createDirectories(o.out);
        String stamp = r.get("date").asText().replace(":", "").replace("-", "");
        String name = "gateway-bench-" + stamp + (o.label.isBlank() ? "" : "-" + o.label.replaceAll("[^A-Za-z0-9_.-]", "_"));
        Files.writeString(o.out.resolve(name + ".json"), JSON.writeValueAsString(r));
        String md = markdown(r);
        Files.writeString(o.out.resolve(name + ".md"), md);
        System.out.println();
        System.out.println(md);
        System.out.println("written: " + o.out.toAbsolutePath().normalize().resolve(name + ".{json,md}"));
    }

    static String markdown(JsonNode r) {
        StringBuilder b = new StringBuilder();
        JsonNode c = r.get("config");
        b.append("# Gateway throughput, ").append(r.get("date").asText()).append(r.get("label").asText().isBlank() ? "" : " — " + r.get("label").asText())
                .append("\n\n");
        b.append(String.format(Locale.ROOT, "bc_mlp, %d measured requests after %d warm-up, %d clinicians, %s; batch B = %d (%s); "
                        + "database %s; timeout_commit %d ms, empty blocks %s; gateway %s %s%n%n",
                c.get("requests").asInt(), c.get("warmup").asInt(), c.get("clinicians").asInt(), c.get("mode").asText(),
                c.get("batch").asInt(), c.get("batching").asText(), c.get("database").asText(), c.get("timeout_commit_ms").asLong(),
                c.get("empty_blocks").asBoolean(), c.get("gateway_properties").toString(), c.get("gateway_jvm").asText()));
        JsonNode li = r.get("latency_incl_to_incl_s");
        JsonNode lb = r.get("latency_broadcast_to_incl_s");
        JsonNode cpu = r.get("cpu");
        b.append("| B | offered/s | fulfilled/s | p50 s | p95 s | max s | p50 / p95 s from broadcast | proving ms (mean) | tx bytes | proof bytes | answers/tx | fulfilments/block | load1 mean (max) |\n");
        b.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        b.append(String.format(Locale.ROOT, "| %d | %.2f | **%.2f** | %.2f | %.2f | %.2f | %.2f / %.2f | %.1f | %.0f | %.0f | %.1f | %.1f | %.2f (%.2f) |%n%n",
                c.get("batch").asInt(), r.get("offered_per_s").asDouble(), r.get("fulfilled_per_s").asDouble(),
                li.path("p50").asDouble(), li.path("p95").asDouble(), li.path("max").asDouble(),
                lb.path("p50").asDouble(), lb.path("p95").asDouble(), r.get("proving_ms_mean_metrics").asDouble(),
                r.get("tx_bytes").path("mean").asDouble(), r.get("proof_bytes").path("mean").asDouble(),
                r.get("answers_per_tx").path("mean").asDouble(), r.get("fulfilments_per_block").path("mean").asDouble(), cpu.get("load1_mean").asDouble(), cpu.get("load1_max").asDouble()));
        b.append("Latency: from the commit of the block that included the RequestPrediction to the commit of the block that "
                + "included its fulfilment (validator precommit timestamps); \"from broadcast\" starts when the clinician began "
                + "building the request. Statuses: ").append(r.get("statuses")).append(String.format(Locale.ROOT,
                        ". Throughput: %d fulfilments over a %.1f s steady window.%n%n",
                        r.get("window_fulfilments").asInt(), r.get("window_s").asDouble()));
        b.append("| CPU per fulfilment (ms) | ").append(String.join(" | ", names(cpu.get("cpu_ms_per_fulfilment")))).append(" |\n| --- |")
                .append(" --- |".repeat(cpu.get("cpu_ms_per_fulfilment").size())).append("\n| |");
        cpu.get("cpu_ms_per_fulfilment").forEach(v -> b.append(String.format(Locale.ROOT, " %.1f |", v.asDouble())));
        b.append(String.format(Locale.ROOT, "%n%n%d cores, %.1f s of wall time.%n%n", cpu.get("cores").asInt(), cpu.get("wall_s").asDouble()));
        b.append("| gateway step (ms) | p50 | p95 | max |\n| --- | --- | --- | --- |\n");
        r.get("gateway_steps_ms").fields().forEachRemaining(e -> b.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n",
                e.getKey(), e.getValue().path("p50").asDouble(), e.getValue().path("p95").asDouble(), e.getValue().path("max").asDouble())));
        if (r.has("jobs")) {
            JsonNode p = r.get("jobs").get("proving_ms");
            b.append(String.format(Locale.ROOT, "%nProving (job rows, all jobs incl. warm-up): p50 %.0f ms, p95 %.0f ms, max %.0f ms; states %s%n",
                    p.path("p50").asDouble(), p.path("p95").asDouble(), p.path("max").asDouble(), r.get("jobs").get("states")));
        }
        return b.toString();
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private CometRpcClient rpc() {
        return new CometRpcClient(URI.create("http://127.0.0.1:" + node.rpcPort), Duration.ofSeconds(20));
    }

    private void cleanDatabase() throws Exception {
        try (Connection c = db()) {
            c.createStatement().execute("drop schema public cascade");
            c.createStatement().execute("create schema public");
        }
    }

    private Connection db() throws Exception {
        return DriverManager.getConnection(dbUrl, env("ZKGW_TEST_PG_USER"), env("ZKGW_TEST_PG_PASSWORD"));
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set (bench/run-gateway-bench.sh sets it)");
        }
        return v;
    }

    private static void log(String fmt, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + fmt + "%n", args);
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.destroy();
            try {
                if (!gateway.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    gateway.destroyForcibly();
                }
            } catch (InterruptedException e) {
                gateway.destroyForcibly();
            }
        }
        if (node != null) {
            node.close();
        }
    }

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--requests" -> { o.requests = Integer.parseInt(v); i++; }
                case "--warmup" -> { o.warmup = Integer.parseInt(v); i++; }
                case "--clinicians" -> { o.clinicians = Integer.parseInt(v); i++; }
                case "--rate" -> { o.rate = Double.parseDouble(v); i++; }
                case "--closed-loop" -> o.closedLoop = true;
                case "--batch" -> { o.batch = Integer.parseInt(v); i++; }
                case "--batch-wait" -> { o.batchWait = Duration.ofMillis(Long.parseLong(v)); i++; }
                case "--db" -> { o.db = v; i++; }
                case "--timeout-commit-ms" -> { o.timeoutCommit = Duration.ofMillis(Long.parseLong(v)); i++; }
                case "--timeout-propose-ms" -> { o.timeoutPropose = Duration.ofMillis(Long.parseLong(v)); i++; }
                case "--node-log-level" -> { o.nodeLogLevel = v; i++; }
                case "--no-empty-blocks" -> o.emptyBlocks = false;
                case "--gateway-jvm" -> { o.gatewayJvm = v; i++; }
                case "--gateway-jar" -> { o.gatewayJar = Path.of(v); i++; }
                case "--out" -> { o.out = Path.of(v); i++; }
                case "--label" -> { o.label = v; i++; }
                case "--timeout-s" -> { o.timeout = Duration.ofSeconds(Long.parseLong(v)); i++; }
                case "-D" -> {
                    int eq = v.indexOf('=');
                    o.gatewayProps.put(v.substring(0, eq), v.substring(eq + 1));
                    i++;
                }
                case "-h", "--help" -> {
                    System.out.println(usage());
                    System.exit(0);
                }
                default -> {
                    if (a.startsWith("-D") && a.contains("=")) {
                        o.gatewayProps.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
                    } else {
                        throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
                    }
                }
            }
        }
        if (!o.db.equals("postgresql") && !o.db.equals("h2")) {
            throw new IllegalArgumentException("--db is postgresql or h2");
        }
        return o;
    }

    static String usage() {
        return """
                bench/run-gateway-bench.sh [options]
                  --requests N          measured requests (200)
                  --warmup W            requests sent first and not measured (20)
                  --clinicians C        concurrent clinician threads (8); each owns accounts of <= 19 requests
                                        (the rate-limit policy admits 20 per requester per hour)
                  --rate R              open loop: request i is sent at i/R s (default: back to back, each
                                        clinician sends its next request once the last one is in a block)
                  --closed-loop         each clinician waits for its request's fulfilment before the next
                  --batch B             passes zkgw.prover.batch-size=B (1..64; 1 = batching off)
                  --batch-wait MS       passes zkgw.prover.batch-wait (default 300)
                  --db postgresql|h2    the gateway's database (postgresql: ZKGW_BENCH_PG_URL)
                  --timeout-commit-ms T CometBFT consensus.timeout_commit (100)
                  --timeout-propose-ms  CometBFT consensus.timeout_propose (1000)
                  --no-empty-blocks     CometBFT consensus.create_empty_blocks = false
                  --node-log-level L    CometBFT log level (info)
                  -Dkey=value           a gateway configuration property (e.g. -Dzkgw.worker.threads=2)
                  --gateway-jvm "..."   JVM options for the gateway process
                  --label NAME          suffix of the result files
                  --out DIR             result folder (bench/results)
                  --timeout-s S         how long to wait for all fulfilments (900)""";
    }
}
