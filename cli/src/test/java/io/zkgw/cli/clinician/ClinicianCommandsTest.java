package io.zkgw.cli.clinician;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.zkgw.chainapp.app.Genesis;
import io.zkgw.chainapp.it.CometNode;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.RpcLightBlockProvider;
import io.zkgw.chainclient.types.Hex;
import io.zkgw.cli.CliRun;
import io.zkgw.cli.CliRun.Run;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * {@code zkgw request} and {@code zkgw result} against one real CometBFT validator running the ledger: the
 * hospital (this test) registers with a real HPKE key and commits the real breast-cancer MLP with its card;
 * the clinician sends a test row through the CLI; the hospital opens, proves and fulfils (or rejects, or
 * lets it expire); the CLI verifies the proof itself and prints the interpreter's label. Then every way
 * it must refuse: ledger codes, unknown model/provider, bad patient files, altered store entries, a wrong
 * trust anchor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300)
class ClinicianCommandsTest {
    static final String CHAIN = "zkgw-clinician";
    static final long PRICE = 100;
    static final ObjectMapper JSON = new ObjectMapper();

    Path dir;
    CometNode node;
    CometRpcClient rpc;
    final Hospital hospital = new Hospital(CHAIN, "clinician test");
    String modelId;
    String modelWithoutCard;
    Path home;
    Path key;
    Path poorKey;
    String clinician;
    String fulfilledId;
    int row;

    static Run zkgw(ByteArrayOutputStream err, String... args) {
        return CliRun.zkgw(err, args);
    }

    static Run zkgw(String... args) {
        return CliRun.zkgw(args);
    }

    String[] chain(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--rpc", "http://127.0.0.1:" + node.rpcPort + "/", "--home", home.toString()));
        return all.toArray(String[]::new);
    }

    Run request(Path patient, long fee, String... more) {
        List<String> a = new ArrayList<>(List.of("request", "--provider", hospital.address(), "--model", modelId,
                "--input", patient.toString(), "--fee", Long.toString(fee), "--key", key.toString()));
        a.addAll(Arrays.asList(more));
        return zkgw(chain(a.toArray(String[]::new)));
    }

    Path patient(String name, Map<String, ?> features) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, JSON.writeValueAsString(features));
        return p;
    }

    long balance(String address) throws Exception {
        return new LedgerQueries(rpc).account(Hex.parse(address)).balance();
    }

    List<Path> storeEntries() throws Exception {
        Path d = home.resolve("requests");
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("zkgw-clinician-test");
        home = dir.resolve("home");
        key = dir.resolve("key");
        poorKey = dir.resolve("poor-key");
        Run k = zkgw("keys", "new", "--out", key.toString(), "--json");
        assertEquals(0, k.code(), k.err());
        clinician = JSON.readTree(k.out()).get("address").asText();
        assertEquals(0, zkgw("keys", "new", "--out", poorKey.toString()).code());
        String appState = Genesis.appStateJson(1, 1000, Map.of(hospital.address(), 100_000L, clinician, 100_000L));
        node = CometNode.create(dir.resolve("node"), CHAIN, appState);
        node.start();
        rpc = new CometRpcClient(URI.create("http://127.0.0.1:" + node.rpcPort + "/"), Duration.ofSeconds(30));
        hospital.attach(rpc).register();
        modelId = hospital.commitModel(PRICE, Hospital.BC.cardBytes());
        modelWithoutCard = hospital.commitModel(PRICE, new byte[0]);
        // a real row the model can represent (the card refuses values it would have to clamp)
        row = 0;
        while (!representable(row)) {
            row++;
        }
    }

    static boolean representable(int row) {
        try {
            PatientInput.of(Hospital.BC.patient(row)).quantise(Hospital.BC.card());
            return true;
        } catch (ClinicianException e) {
            return false;
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (rpc != null) {
            rpc.close();
        }
        if (node != null) {
            node.close();
        }
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    @Order(1)
    void aFulfilledRequestIsVerifiedUnmaskedAndLabelled() throws Exception {
        Path patient = patient("patient.json", Hospital.BC.patient(row));
        long before = balance(clinician);
        Run sent = request(patient, 150, "--json");
        assertEquals(0, sent.code(), sent.err());
        assertTrue(sent.err().contains("zkgw: warning: no trust anchor for chain 'zkgw-clinician': trusting the node's block"),
                "trust on first use is announced: " + sent.err());
        JsonNode s = JSON.readTree(sent.out());
        String id = s.get("request_id").asText();
        fulfilledId = id;
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertTrue(s.get("tx_hash").asText().matches("[0-9A-F]{64}"));
        assertEquals(150, s.get("fee").asLong());
        assertEquals(1, s.get("tx_fee").asLong());
        assertEquals(clinician, s.get("requester").asText());
        assertEquals(modelId, s.get("model_id").asText());
        assertEquals(hospital.address(), s.get("provider").asText());
        assertTrue(s.get("deadline_height").asLong() > s.get("height").asLong());
        assertEquals(before - 151, balance(clinician), "fee escrowed and tx fee paid");

        // the secrets: kept owner-only, never printed
        Path entry = home.resolve("requests").resolve(id + ".json");
        assertEquals(entry.toString(), s.get("store_file").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("requests"))));
        JsonNode stored = JSON.readTree(Files.readString(entry));
        String seed = stored.get("mask_seed").asText();
        assertFalse(sent.out().contains(seed) || sent.err().contains(seed), "the mask seed is never printed");
        long[] x = new long[stored.get("x").size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = stored.get("x").get(i).asLong();
        }
        assertArrayEquals(Hospital.BC.card().spec().quantiseInput(Hospital.BC.test().features()[row]), x,
                "the card's quantisation of the row");

        // the clinician waits; the hospital answers meanwhile
        ByteArrayOutputStream waitErr = new ByteArrayOutputStream();
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<Run> waiting = ex.submit(() -> zkgw(waitErr, chain("result", id, "--wait", "120s", "--json")));
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!waitErr.toString(StandardCharsets.UTF_8).contains("waiting for the hospital") && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertTrue(waitErr.toString(StandardCharsets.UTF_8).contains("waiting for the hospital … height "),
                    "progress on stderr: " + waitErr);
            long[] opened = hospital.fulfil(id);
            assertArrayEquals(x, opened, "the hospital opened exactly the committed input");
            Run res = waiting.get(120, TimeUnit.SECONDS);
            assertEquals(0, res.code(), res.err());
            JsonNode r = JSON.readTree(res.out());
            assertEquals("fulfilled", r.get("status").asText());
            assertTrue(r.get("proof_verified").asBoolean());
            String expected = Hospital.BC.decision(x);
            assertEquals(expected, r.get("label").asText(), "the interpreter's decision on the row");
            assertEquals(Hospital.LABELS.indexOf(expected), r.get("class_index").asInt());
            assertEquals(JSON.valueToTree(Hospital.LABELS), r.get("labels"));
            assertEquals(Hospital.BC.committed().description().outputSize(), r.get("scores").size());
            long[] y = io.zkgw.ir.IntInterpreter.run(Hospital.BC.model(), x).output();
            for (int i = 0; i < y.length; i++) {
                assertEquals(y[i], r.get("output").get(i).asLong(), "unmasked output " + i);
                assertEquals(y[i] * Hospital.BC.card().output().scale(), r.get("scores").get(i).asDouble(), 1e-12);
            }
            assertTrue(r.get("tx_hash").asText().matches("[0-9A-F]{64}"));
            assertTrue(r.get("height").asLong() > s.get("height").asLong());
            assertEquals(150, r.get("fee").asLong());
            assertFalse(res.out().contains(seed) || res.err().contains(seed));
        } finally {
            ex.shutdownNow();
        }

        // human output, a later run: the stored anchor is used (no second warning)
        Run human = zkgw(chain("result", id));
        assertEquals(0, human.code(), human.err());
        assertTrue(human.out().contains("proof verified"), human.out());
        assertTrue(human.out().contains("prediction   " + Hospital.BC.decision(x) + " (class "), human.out());
        assertTrue(human.out().contains("fee          150 paid to the hospital"), human.out());
        assertFalse(human.err().contains("warning"), human.err());
    }

    @Test
    @Order(2)
    void aRejectionPrintsTheReasonAndTheRefund() throws Exception {
        Path patient = patient("patient.json", Hospital.BC.patient(row));
        long before = balance(clinician);
        Run sent = request(patient, 120, "--json");
        assertEquals(0, sent.code(), sent.err());
        String id = JSON.readTree(sent.out()).get("request_id").asText();

        // still pending: a look with --wait 0 says so (exit 3)
        Run pending = zkgw(chain("result", id, "--wait", "0", "--json"));
        assertEquals(3, pending.code(), pending.err());
        assertEquals("pending", JSON.readTree(pending.out()).get("status").asText());
        assertTrue(pending.err().contains("is still pending at height"), pending.err());

        hospital.reject(id, 34);
        Run human = zkgw(chain("result", id));
        assertEquals(0, human.code(), human.err());
        assertTrue(human.out().contains("status       rejected at height "), human.out());
        assertTrue(human.out().contains("reason       34 rate-limit"), human.out());
        assertTrue(human.out().contains("refund       120 returned to you"), human.out());
        assertFalse(human.out().contains("prediction"), human.out());
        JsonNode j = JSON.readTree(zkgw(chain("result", id, "--json")).out());
        assertEquals("rejected", j.get("status").asText());
        assertEquals(34, j.get("reason_code").asInt());
        assertEquals("rate-limit", j.get("reason_name").asText());
        assertEquals(120, j.get("refund").asLong());
        assertTrue(j.get("tx_hash").asText().matches("[0-9A-F]{64}"), j.toString());
        assertEquals(before - 1, balance(clinician), "only the tx fee is spent");

        // a gateway reason by its name
        Run again = request(patient, 120, "--json");
        String id2 = JSON.readTree(again.out()).get("request_id").asText();
        hospital.reject(id2, 2);
        JsonNode k = JSON.readTree(zkgw(chain("result", id2, "--json")).out());
        assertEquals("BAD_CIPHERTEXT", k.get("reason_name").asText());
    }

    @Test
    @Order(3)
    void anUnansweredRequestExpiresAndIsRefunded() throws Exception {
        long before = balance(clinician);
        Run sent = request(patient("patient.json", Hospital.BC.patient(row)), 130, "--json", "--deadline-blocks", "4");
        assertEquals(0, sent.code(), sent.err());
        JsonNode s = JSON.readTree(sent.out());
        Run res = zkgw(chain("result", s.get("request_id").asText(), "--json"));
        assertEquals(0, res.code(), res.err());
        JsonNode r = JSON.readTree(res.out());
        assertEquals("expired", r.get("status").asText());
        assertEquals(130, r.get("refund").asLong());
        assertEquals(s.get("deadline_height").asLong(), r.get("height").asLong());
        assertEquals(before - 1, balance(clinician));
        Run human = zkgw(chain("result", s.get("request_id").asText()));
        assertTrue(human.out().contains("status       expired at height " + s.get("deadline_height").asLong()), human.out());
        assertTrue(human.out().contains("refund       130 returned to you"), human.out());
    }

    @Test
    @Order(4)
    void ledgerRefusalsAndUnknownThingsAreNamed() throws Exception {
        Path patient = patient("patient.json", Hospital.BC.patient(row));
        List<Path> entries = storeEntries();

        Run cheap = request(patient, 5);
        assertEquals(1, cheap.code());
        assertTrue(cheap.err().startsWith("zkgw: error: the ledger refused the request: FEE_BELOW_PRICE (code 15)"), cheap.err());
        assertTrue(cheap.err().contains("fee 5 < model price 100"), cheap.err());
        assertEquals("", cheap.out());

        Run poor = zkgw(chain("request", "--provider", hospital.address(), "--model", modelId, "--input",
                patient.toString(), "--fee", "150", "--key", poorKey.toString()));
        assertEquals(1, poor.code());
        assertTrue(poor.err().contains("INSUFFICIENT_FUNDS (code 6)"), poor.err());

        String nobody = "ab".repeat(32);
        Run unknownModel = zkgw(chain("request", "--provider", hospital.address(), "--model", nobody, "--input",
                patient.toString(), "--fee", "150", "--key", key.toString()));
        assertEquals(1, unknownModel.code());
        assertEquals("zkgw: error: unknown model " + nobody + ": not committed on chain '" + CHAIN + "'",
                unknownModel.err().strip());

        String stranger = "cd".repeat(20);
        Run unknownProvider = zkgw(chain("request", "--provider", stranger, "--model", modelId, "--input",
                patient.toString(), "--fee", "150", "--key", key.toString()));
        assertEquals(1, unknownProvider.code());
        assertEquals("zkgw: error: provider " + stranger + " is not registered on chain '" + CHAIN + "'",
                unknownProvider.err().strip());

        Run noCard = zkgw(chain("request", "--provider", hospital.address(), "--model", modelWithoutCard, "--input",
                patient.toString(), "--fee", "150", "--key", key.toString()));
        assertEquals(1, noCard.code());
        assertTrue(noCard.err().contains("has no model card on the ledger"), noCard.err());

        Run noEntry = zkgw(chain("result", "ef".repeat(32)));
        assertEquals(1, noEntry.code());
        assertTrue(noEntry.err().contains("no local entry for request"), noEntry.err());

        Run badId = zkgw(chain("result", "xyz"));
        assertEquals(1, badId.code());
        assertTrue(badId.err().contains("request id must be 64 hex digits"), badId.err());

        assertEquals(entries, storeEntries(), "nothing kept for refused requests");
    }

    @Test
    @Order(5)
    void badPatientFilesAreRefusedNamingTheFeature() throws Exception {
        List<Path> entries = storeEntries();
        Map<String, Double> base = Hospital.BC.patient(row);
        ObjectNode missing = JSON.valueToTree(base);
        missing.remove("worst_radius");
        ObjectNode unknown = JSON.valueToTree(base);
        unknown.put("blood_type", 1);
        ObjectNode text = JSON.valueToTree(base);
        text.put("mean_texture", "high");
        ObjectNode huge = JSON.valueToTree(base);
        huge.put("mean_perimeter", -1e12);
        ArrayNode list = JSON.createArrayNode().add(1).add(2);
        Map<JsonNode, String> cases = Map.of(
                missing, "zkgw: error: missing feature 'worst_radius'",
                unknown, "zkgw: error: unknown feature 'blood_type'",
                text, "zkgw: error: " + dir.resolve("bad.json") + ": feature 'mean_texture' is not a number (string)",
                huge, "zkgw: error: feature 'mean_perimeter' is outside the range the model can represent: [",
                list, "zkgw: error: " + dir.resolve("bad.json") + " must be one JSON object");
        for (var c : cases.entrySet()) {
            Files.writeString(dir.resolve("bad.json"), c.getKey().toString());
            Run r = request(dir.resolve("bad.json"), 150);
            assertEquals(1, r.code(), c.getValue());
            assertTrue(r.err().startsWith(c.getValue()), c.getValue() + " <- " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
        Run none = request(dir.resolve("no-such-patient.json"), 150);
        assertEquals(1, none.code());
        assertTrue(none.err().contains("cannot read"), none.err());
        assertEquals(entries, storeEntries(), "no request was sent");
    }

    @Test
    @Order(6)
    void anAlteredStoreEntryIsRefused() throws Exception {
        assertNotNull(fulfilledId, "runs after the fulfilled request");
        Path entry = home.resolve("requests").resolve(fulfilledId + ".json");
        String original = Files.readString(entry);
        ObjectNode n = (ObjectNode) JSON.readTree(original);
        try {
            ObjectNode x = n.deepCopy();
            ArrayNode xs = (ArrayNode) x.get("x");
            xs.set(0, xs.get(0).asLong() + 1);
            ObjectNode seed = n.deepCopy();
            String s = seed.get("mask_seed").asText();
            seed.put("mask_seed", (s.charAt(0) == '0' ? "1" : "0") + s.substring(1));
            ObjectNode fee = n.deepCopy();
            fee.put("fee", 1);
            ObjectNode extra = n.deepCopy();
            extra.put("note", "hi");
            Map<ObjectNode, String> cases = Map.of(x, "the kept input does not reproduce the on-chain C_x",
                    // the seed also derives C_x's hiding pad (protocol version 4), so C_x is the first to differ
                    seed, "the kept input does not reproduce the on-chain C_x",
                    fee, "fields fee differ from the request on the ledger", extra, "unknown field 'note'");
            for (var c : cases.entrySet()) {
                Files.writeString(entry, c.getKey().toString());
                Run r = zkgw(chain("result", fulfilledId));
                assertEquals(1, r.code(), c.getValue());
                assertTrue(r.err().startsWith("zkgw: error: request store entry " + entry + " refused: "), r.err());
                assertTrue(r.err().contains(c.getValue()), c.getValue() + " <- " + r.err());
                assertFalse(r.out().contains("prediction"), "no prediction from an altered entry");
            }
            Files.writeString(entry, original);
            Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-r--r--"));
            Run open = zkgw(chain("result", fulfilledId));
            assertEquals(1, open.code());
            assertTrue(open.err().contains("let others read or change it"), open.err());
        } finally {
            Files.writeString(entry, original);
            Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-------"));
        }
        assertEquals(0, zkgw(chain("result", fulfilledId)).code(), "the genuine entry still works");
    }

    @Test
    @Order(8)
    void aRequestAnsweredByABatchProofIsVerifiedAgainstEveryMemberAndUnmasked() throws Exception {
        List<String> ids = new ArrayList<>();
        List<Integer> rows = List.of(row + 11, row + 12, row + 13);
        for (int r : rows) {
            Run sent = request(patient("batch-" + r + ".json", Hospital.BC.patient(r)), 150, "--json");
            assertEquals(0, sent.code(), sent.err());
            ids.add(JSON.readTree(sent.out()).get("request_id").asText());
        }
        hospital.fulfilBatch(ids);
        for (int i = 0; i < ids.size(); i++) {
            Run res = zkgw(chain("result", ids.get(i), "--wait", "60s", "--json"));
            assertEquals(0, res.code(), res.err());
            JsonNode r = JSON.readTree(res.out());
            assertEquals("fulfilled", r.get("status").asText());
            assertTrue(r.get("proof_verified").asBoolean());
            long[] x = Hospital.BC.card().spec().quantiseInput(Hospital.BC.test().features()[rows.get(i)]);
            long[] y = io.zkgw.ir.IntInterpreter.run(Hospital.BC.model(), x).output();
            for (int k = 0; k < y.length; k++) {
                assertEquals(y[k], r.get("output").get(k).asLong(), "member " + i + ", output " + k);
            }
            assertEquals(Hospital.BC.decision(x), r.get("label").asText());
        }
    }

    @Test
    @Order(7)
    void theTrustAnchorIsEnforced() throws Exception {
        assertNotNull(fulfilledId);
        var block = new RpcLightBlockProvider(rpc).lightBlock(2);
        String good = "2:" + Hex.upper(block.header().hash());
        ByteString h = block.header().hash();
        byte[] forged = h.toByteArray();
        forged[0] ^= 1;
        Run wrong = zkgw(chain("result", fulfilledId, "--trust-anchor", "2:" + Hex.upper(forged)));
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("does not verify against the trust anchor 2:"), wrong.err());
        assertFalse(wrong.out().contains("prediction"));

        // the stored anchor is what later runs are checked against: alter it and the node is refused
        Path trust = home.resolve("trust-anchors.json");
        String original = Files.readString(trust);
        JsonNode t = JSON.readTree(original);
        String stored = t.get("anchors").get(CHAIN).asText();
        String altered = stored.substring(0, stored.indexOf(':') + 1) + (stored.endsWith("0") ? stored.substring(stored.indexOf(':') + 1,
                stored.length() - 1) + "1" : stored.substring(stored.indexOf(':') + 1, stored.length() - 1) + "0");
        Files.writeString(trust, original.replace(stored, altered));
        Run refused = zkgw(chain("result", fulfilledId));
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("does not verify against the trust anchor"), refused.err());
        Files.writeString(trust, original);

        // a fresh home pinned with a correct anchor: no first-use warning, the anchor is saved
        Path other = dir.resolve("home2");
        Files.createDirectories(other.resolve("requests"));
        Files.copy(home.resolve("requests").resolve(fulfilledId + ".json"), other.resolve("requests").resolve(fulfilledId + ".json"));
        Files.setPosixFilePermissions(other.resolve("requests").resolve(fulfilledId + ".json"), PosixFilePermissions.fromString("rw-------"));
        Run pinned = zkgw("result", fulfilledId, "--rpc", "http://127.0.0.1:" + node.rpcPort + "/", "--home", other.toString(),
                "--trust-anchor", good);
        assertEquals(0, pinned.code(), pinned.err());
        assertFalse(pinned.err().contains("warning"), pinned.err());
        assertTrue(pinned.out().contains("proof verified"), pinned.out());
        assertEquals(good, JSON.readTree(Files.readString(other.resolve("trust-anchors.json"))).get("anchors").get(CHAIN).asText());

        Run otherChain = zkgw(chain("result", fulfilledId, "--chain-id", "another-chain"));
        assertEquals(1, otherChain.code());
        assertTrue(otherChain.err().contains("serves chain 'zkgw-clinician', not 'another-chain'"), otherChain.err());
    }

    @Test
    @Order(9)
    void anAuditorVerifiesEveryEpochLinkOfAModelFromTheLedger() throws Exception {
        // a model of its own, committed at registration (epoch 0) and twice again under other keys, as the
        // gateway does every K/2 proofs; the ledger verified each link when it accepted the RecommitModel
        List<io.zkgw.prover.inference.CommittedModel> epochs = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            byte[] k = new byte[32];
            Arrays.fill(k, (byte) (0x40 + e));
            epochs.add(io.zkgw.prover.inference.CommittedModel.commit(Hospital.BC.model(), k));
        }
        String audited = hospital.commitModel(PRICE, Hospital.BC.cardBytes(), epochs.get(0));
        Run one = zkgw(chain("audit", "epochs", "--model", audited));
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("epoch 0 (height "), one.out());
        assertTrue(one.out().contains("OK: model " + audited + ", 1 epoch,"), one.out());

        hospital.recommit(audited, epochs.get(0), epochs.get(1));
        hospital.recommit(audited, epochs.get(1), epochs.get(2));
        Run json = zkgw(chain("audit", "epochs", "--model", audited, "--json"));
        assertEquals(0, json.code(), json.err());
        JsonNode j = JSON.readTree(json.out());
        assertEquals(audited, j.get("model_id").asText());
        assertEquals(CHAIN, j.get("chain_id").asText());
        assertTrue(j.get("verified").asBoolean());
        assertEquals(3, j.get("epochs").size());
        long previous = 0;
        for (int e = 0; e < 3; e++) {
            JsonNode ej = j.get("epochs").get(e);
            assertEquals(e, ej.get("epoch").asInt());
            assertTrue(ej.get("ok").asBoolean());
            assertEquals(io.zkgw.prover.inference.ModelCommitment.DEFAULT_PROOF_BUDGET, ej.get("proof_budget").asInt());
            assertEquals(0, ej.get("proofs_used").asInt());
            assertTrue(ej.get("height").asLong() > previous, "epochs are made in later blocks");
            previous = ej.get("height").asLong();
        }
        Run human = zkgw(chain("audit", "epochs", "--model", audited));
        assertEquals(0, human.code(), human.err());
        assertTrue(human.out().contains("epoch 2 (height " + previous + ", 0 of " + io.zkgw.prover.inference.ModelCommitment.DEFAULT_PROOF_BUDGET
                + " proofs used): link from epoch 1 verified"), human.out());
        assertTrue(human.out().contains("OK: model " + audited + ", 3 epochs, every one linked to the weights committed at registration"),
                human.out());

        // the link is read from the epoch's verified block (no tx index); a block that does not hold it is named
        try (ClinicianClient c = ClinicianClient.connect(ClinicianClient.Settings.of(URI.create("http://127.0.0.1:" + node.rpcPort + "/"))
                .withChainId(CHAIN).withHome(home))) {
            ClinicianClient.ModelEpochs me = c.modelEpochs(audited);
            List<byte[]> links = c.epochLinks(audited, me.epochs().get(2));
            assertEquals(1, links.size());
            assertArrayEquals(epochs.get(1).linkTo(epochs.get(2)), links.getFirst());
            ClinicianClient.EpochInfo e2 = me.epochs().get(2);
            ClinicianClient.EpochInfo misplaced = new ClinicianClient.EpochInfo(2, e2.weightsCommitment(), e2.proofBudget(), e2.proofsUsed(),
                    me.epochs().get(1).height());
            ClinicianException ex = org.junit.jupiter.api.Assertions.assertThrows(ClinicianException.class, () -> c.epochLinks(audited, misplaced));
            assertEquals(ClinicianException.Kind.VERIFICATION, ex.kind());
            assertTrue(ex.getMessage().startsWith("block " + misplaced.height() + " (") && ex.getMessage().endsWith(
                    "txs, verified) holds no RecommitModel of model " + audited + " with the commitment of its epoch 2"), ex.getMessage());
        }

        // what the command reads is proven: a forged anchor is refused before any epoch is shown
        var block = new RpcLightBlockProvider(rpc).lightBlock(2);
        byte[] forged = block.header().hash().toByteArray();
        forged[3] ^= 1;
        Run wrongAnchor = zkgw(chain("audit", "epochs", "--model", audited, "--trust-anchor", "2:" + Hex.upper(forged)));
        assertEquals(1, wrongAnchor.code());
        assertTrue(wrongAnchor.err().contains("does not verify against the trust anchor"), wrongAnchor.err());
        assertEquals("", wrongAnchor.out());

        String nobody = "ee".repeat(32);
        Run unknown = zkgw(chain("audit", "epochs", "--model", nobody));
        assertEquals(1, unknown.code());
        assertEquals("zkgw: error: unknown model " + nobody + ": not committed on chain '" + CHAIN + "'", unknown.err().strip());
        Run badId = zkgw(chain("audit", "epochs", "--model", "12ab"));
        assertEquals(1, badId.code());
        assertTrue(badId.err().contains("model id must be 64 hex digits, got 4 characters"), badId.err());
    }
}
