package io.zkgw.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySetTest {
    /** The defaults shipped in the repository's policies/ directory. */
    static final Path DEFAULTS = Path.of("..", "policies");
    static final String ALICE = "11".repeat(20);
    static final String BOB = "22".repeat(20);
    static final String MODEL = "ab".repeat(32);
    /** A distinctive value standing in for a patient's measurement; it must never appear in any output. */
    static final double SECRET = 123.456789;
    static final InputSchema SCHEMA = new InputSchema(List.of(
            new InputSchema.Feature("age", 0, 120),
            new InputSchema.Feature("glucose", 0, 500),
            new InputSchema.Feature("bmi", 10, 80),
            new InputSchema.Feature("bp", 40, 250)));

    static PolicySet defaults;
    static Map<String, String> defaultFiles;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        defaults = PolicySet.load(DEFAULTS);
        defaultFiles = new TreeMap<>();
        try (Stream<Path> s = Files.list(DEFAULTS)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".yaml")).toList()) {
                defaultFiles.put(p.getFileName().toString(), Files.readString(p));
            }
        }
    }

    static RequestContext ctx(String requester, long fee, long price, double[] features, long recent) {
        return new RequestContext(requester, fee, price, MODEL, SCHEMA, features, recent);
    }

    static RequestContext ok() {
        return ctx(ALICE, 100, 100, new double[] {54, SECRET, 31.5, 140}, 3);
    }

    static Decision.Reject rejected(Decision d) {
        return assertInstanceOf(Decision.Reject.class, d);
    }

    static void assertRejects(PolicySet p, RequestContext c, int code, String rule) {
        Decision.Reject r = rejected(p.evaluate(c));
        assertEquals(code, r.reasonCode(), r.toString());
        assertEquals(rule, r.rule());
        assertFalse(r.toString().contains("123.45"), "a request value leaked: " + r);
    }

    @Test
    void defaultsLoadInFileOrder() {
        assertEquals(List.of("requester-allowlist", "minimum-fee", "rate-limit", "input-width", "input-ranges"),
                defaults.rules().stream().map(Rule::name).toList());
        assertEquals(List.of(32, 33, 34, 35, 36), defaults.rules().stream().map(Rule::reasonCode).toList());
        assertTrue(defaults.evaluate(ok()).admitted());
    }

    @Test
    void allowlistEmptyAdmitsAllListedAdmitsOnlyThose() throws Exception {
        assertTrue(defaults.evaluate(ctx(BOB, 100, 100, ok().features(), 0)).admitted());
        Map<String, String> files = new TreeMap<>(defaultFiles);
        files.put("10-requester-allowlist.yaml", files.get("10-requester-allowlist.yaml")
                .replace("allowed: []", "allowed: [\"" + ALICE + "\", \"" + "33".repeat(20) + "\"]"));
        PolicySet listed = PolicySet.of(files);
        assertTrue(listed.evaluate(ok()).admitted());
        assertRejects(listed, ctx(BOB, 100, 100, ok().features(), 0), 32, "requester-allowlist");
        assertFalse(Arrays.equals(defaults.hash(), listed.hash()), "the policy hash covers the allowlist");
    }

    @Test
    void minimumFee() {
        assertTrue(defaults.evaluate(ctx(ALICE, 101, 100, ok().features(), 0)).admitted());
        assertRejects(defaults, ctx(ALICE, 99, 100, ok().features(), 0), 33, "minimum-fee");
    }

    @Test
    void rateLimit() {
        assertTrue(defaults.evaluate(ctx(ALICE, 100, 100, ok().features(), 19)).admitted());
        assertRejects(defaults, ctx(ALICE, 100, 100, ok().features(), 20), 34, "rate-limit");
    }

    @Test
    void inputWidth() {
        assertRejects(defaults, ctx(ALICE, 100, 100, new double[] {54, SECRET, 31.5}, 0), 35, "input-width");
        assertRejects(defaults, ctx(ALICE, 100, 100, new double[] {54, SECRET, 31.5, 140, 1}, 0), 35, "input-width");
    }

    @Test
    void inputRanges() {
        assertTrue(defaults.evaluate(ctx(ALICE, 100, 100, new double[] {0, 500, 10, 250}, 0)).admitted(), "bounds inclusive");
        assertRejects(defaults, ctx(ALICE, 100, 100, new double[] {121, SECRET, 31.5, 140}, 0), 36, "input-ranges");
        assertRejects(defaults, ctx(ALICE, 100, 100, new double[] {54, SECRET, 9.99, 140}, 0), 36, "input-ranges");
        assertRejects(defaults, ctx(ALICE, 100, 100, new double[] {54, Double.NaN, 31.5, 140}, 0), 36, "input-ranges");
    }

    @Test
    void evaluationErrorsAreRejectionsThatNameTheRuleButNoValue() throws Exception {
        PolicySet p = PolicySet.of(Map.of(
                "a.yaml", "name: weight-known\nreason: 40\nexpression: input['weight'] > 0.0\n"));
        Decision.Reject r = rejected(p.evaluate(ok()));
        assertEquals(Decision.POLICY_ERROR, r.reasonCode());
        assertEquals("weight-known", r.rule());
        assertTrue(r.detail().contains("could not be evaluated"), r.detail());

        PolicySet overflow = PolicySet.of(Map.of("a.yaml", "name: overflow\nreason: 40\nexpression: fee * 9223372036854775807 > 0\n"));
        assertEquals(Decision.POLICY_ERROR, rejected(overflow.evaluate(ok())).reasonCode());

        PolicySet div = PolicySet.of(Map.of("a.yaml", "name: div\nreason: 40\nexpression: fee / (price - price) > 0\n"));
        assertEquals(Decision.POLICY_ERROR, rejected(div.evaluate(ok())).reasonCode());

        // a value from the request inside a failing expression is not echoed
        PolicySet index = PolicySet.of(Map.of("a.yaml",
                "name: index\nreason: 40\nexpression: features[int(features[1])] > 0.0\n"));
        Decision.Reject ir = rejected(index.evaluate(ok()));
        assertEquals(Decision.POLICY_ERROR, ir.reasonCode());
        for (String s : List.of(r.toString(), ir.toString(), ok().toString())) {
            assertFalse(s.contains("123"), s);
        }
    }

    record Bad(String file, String content, String expect) {}

    @Test
    void badRuleFilesAreLoadErrorsNamingFileAndPosition() {
        List<Bad> cases = List.of(
                new Bad("y.yaml", "name: x\nreason: 40\nexpression: [unclosed\n", "y.yaml:4:1: not valid YAML"),
                new Bad("u.yaml", "name: x\nreason: 40\nexpr: fee > 0\n", "u.yaml:3:1: unknown key 'expr'"),
                new Bad("m.yaml", "name: x\nreason: 40\n", "m.yaml: missing key 'expression'"),
                new Bad("d.yaml", "name: x\nname: y\nreason: 40\nexpression: true\n", "d.yaml"),
                new Bad("r.yaml", "name: x\nreason: 5\nexpression: true\n", "r.yaml:2:9: reason must be an integer in 32..65535"),
                new Bad("s.yaml", "name: x\nreason: forty\nexpression: true\n", "s.yaml:2:9: reason must be an integer"),
                new Bad("n.yaml", "name: Bad Name\nreason: 40\nexpression: true\n", "n.yaml:1:7: name must match"),
                new Bad("c.yaml", "name: x\nreason: 40\nexpression: fee > undefined_thing\n",
                        "c.yaml:3:19: expression does not compile"),
                new Bad("l.yaml", "name: x\nreason: 40\nexpression: |\n  fee > 0 &&\n    price > nope\n",
                        "l.yaml:5:13: expression does not compile"),
                new Bad("t.yaml", "name: x\nreason: 40\nexpression: fee + 1\n", "t.yaml:3:17: expression does not compile (expression line 1, column 5): expected type 'bool'"),
                new Bad("k.yaml", "name: x\nreason: 40\nconstants:\n  fee: 3\nexpression: true\n", "k.yaml:4:3: constant 'fee' would hide"),
                new Bad("k2.yaml", "name: x\nreason: 40\nconstants:\n  l: [1, \"a\"]\nexpression: true\n", "k2.yaml:4:10: constant 'l': list mixes"),
                new Bad("k3.yaml", "name: x\nreason: 40\nconstants:\n  m: {a: 1}\nexpression: true\n", "k3.yaml:4:6: constant 'm' must be"),
                new Bad("e.yaml", "- just a list\n", "e.yaml: a rule file must be a YAML mapping"),
                new Bad("q.yaml", "name: x\nreason: 40\nexpression: \"requester == 1\"\n", "q.yaml:3:24: expression does not compile"));
        for (Bad b : cases) {
            PolicyException e = assertThrows(PolicyException.class, () -> PolicySet.of(Map.of(b.file, b.content)), b.file);
            assertTrue(e.getMessage().startsWith(b.expect), b.expect + "  <>  " + e.getMessage());
        }
    }

    @Test
    void duplicateNamesAndEmptyDirectories() throws Exception {
        PolicyException dup = assertThrows(PolicyException.class, () -> PolicySet.of(Map.of(
                "a.yaml", "name: same\nreason: 40\nexpression: true\n",
                "b.yaml", "name: same\nreason: 41\nexpression: true\n")));
        assertTrue(dup.getMessage().startsWith("b.yaml: rule name 'same' is already used"), dup.getMessage());
        Files.writeString(tmp.resolve("README.md"), "not a rule");
        PolicyException empty = assertThrows(PolicyException.class, () -> PolicySet.load(tmp));
        assertTrue(empty.getMessage().contains("no rule files"), empty.getMessage());
        Files.writeString(tmp.resolve("a.yml"), "name: only\nreason: 40\nexpression: fee > 0\n");
        assertEquals(List.of("only"), PolicySet.load(tmp).rules().stream().map(Rule::name).toList());
    }

    @Test
    void constantsOfEveryTypeWork() throws Exception {
        PolicySet p = PolicySet.of(Map.of("a.yaml", """
                name: typed
                reason: 40
                constants:
                  s: "abc"
                  i: 7
                  d: 2.5
                  b: true
                  li: [1, 2, 3]
                  ld: [0.5, 1.5]
                expression: s == "abc" && i == 7 && d == 2.5 && b && 3 in li && 1.5 in ld && fee > i && input['age'] >= 18
                """));
        assertTrue(p.evaluate(ok()).admitted());
        assertRejects(p, ctx(ALICE, 7, 1, ok().features(), 0), 40, "typed");
    }

    @Test
    void hashIsStableAndCoversNamesAndContent() throws Exception {
        byte[] h = PolicySet.of(defaultFiles).hash();
        assertArrayEquals(h, defaults.hash());
        assertEquals(32, h.length);
        Map<String, String> renamed = new TreeMap<>(defaultFiles);
        renamed.put("99-minimum-fee.yaml", renamed.remove("20-minimum-fee.yaml"));
        assertFalse(Arrays.equals(h, PolicySet.of(renamed).hash()));
        Map<String, String> edited = new TreeMap<>(defaultFiles);
        edited.put("30-rate-limit.yaml", edited.get("30-rate-limit.yaml").replace("max_requests: 20", "max_requests: 21"));
        assertFalse(Arrays.equals(h, PolicySet.of(edited).hash()));
    }
}
