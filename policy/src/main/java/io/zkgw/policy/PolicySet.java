package io.zkgw.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A hospital's admission policy: the CEL rules in one directory, compiled and type-checked at load time.
 *
 * <p>Each {@code *.yaml} (or {@code *.yml}) file holds one rule; other files are ignored. Rules run in file
 * name order; the first whose expression is false rejects with its reason code. A rule that cannot be
 * evaluated rejects with {@link Decision#POLICY_ERROR}: a request is never admitted by accident.
 * <pre>
 * name: minimum-fee                    # [a-z0-9][a-z0-9-]{0,63}, unique in the directory
 * reason: 33                           # 32..65535, posted as RejectRequest.reason_code
 * description: The fee covers the price.   # optional
 * constants:                           # optional: named values the expression may use
 *   allowed: ["0a1b...", "..."]        #   string, int, double, bool, or a list of one of these
 * expression: fee >= price             # CEL, must type-check to bool against RequestContext's variables
 * </pre>
 * Loading fails with a {@link PolicyException} naming the file and the line and column for YAML and CEL
 * errors, an unknown or missing key, a bad name or code, a duplicate name, or an empty directory.
 * Evaluation never throws, never logs, and its results never contain request values.
 */
public final class PolicySet {
    static final Map<String, CelType> CONTEXT = contextTypes();
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern IDENT = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
            "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return",
            "var", "void", "while");
    private static final Set<String> KEYS = Set.of("name", "reason", "description", "constants", "expression");
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(100_000)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    private record Compiled(Rule rule, Map<String, Object> constants, CelRuntime.Program program) {}

    private final List<Compiled> compiled;
    private final byte[] hash;

    private PolicySet(List<Compiled> compiled, byte[] hash) {
        this.compiled = List.copyOf(compiled);
        this.hash = hash;
    }

    private static Map<String, CelType> contextTypes() {
        Map<String, CelType> m = new LinkedHashMap<>();
        m.put("requester", SimpleType.STRING);
        m.put("fee", SimpleType.INT);
        m.put("price", SimpleType.INT);
        m.put("model_id", SimpleType.STRING);
        m.put("features", ListType.create(SimpleType.DOUBLE));
        m.put("input", MapType.create(SimpleType.STRING, SimpleType.DOUBLE));
        m.put("schema_width", SimpleType.INT);
        m.put("schema_min", MapType.create(SimpleType.STRING, SimpleType.DOUBLE));
        m.put("schema_max", MapType.create(SimpleType.STRING, SimpleType.DOUBLE));
        m.put("recent_requests", SimpleType.INT);
        return Map.copyOf(m);
    }

    /** Loads every rule file of a directory. */
    public static PolicySet load(Path dir) throws PolicyException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"))) {
                    files.put(n, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new PolicyException("cannot read policy directory " + dir + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new PolicyException("policy directory " + dir + " has no rule files (*.yaml)");
        }
        return of(files);
    }

    /** Compiles rule files given as (file name → content); rules run in file name order. */
    public static PolicySet of(Map<String, String> files) throws PolicyException {
        Map<String, String> sorted = new TreeMap<>(files);
        List<Compiled> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (var e : sorted.entrySet()) {
            Compiled c = parse(e.getKey(), e.getValue());
            if (!names.add(c.rule().name())) {
                throw new PolicyException(e.getKey() + ": rule name '" + c.rule().name()
                        + "' is already used by another file");
            }
            rules.add(c);
        }
        return new PolicySet(rules, hash(sorted));
    }

    /** The rules in evaluation order. */
    public List<Rule> rules() {
        return compiled.stream().map(Compiled::rule).toList();
    }

    /**
     * SHA-256 over {@code "zkgw-policy-v1"} and, per rule file in name order, {@code u32 len(name) || name ||
     * u32 len(content) || content} (UTF-8, big-endian lengths): what a model commitment's {@code policy_hash}
     * can refer to.
     */
    public byte[] hash() {
        return hash.clone();
    }

    /** Runs every rule in order; the first false or failing rule rejects. Never throws. */
    public Decision evaluate(RequestContext request) {
        Map<String, Object> vars;
        try {
            vars = request.variables();
        } catch (RuntimeException e) {
            return new Decision.Reject(Decision.POLICY_ERROR, "", "the request context could not be built");
        }
        for (Compiled c : compiled) {
            Rule r = c.rule();
            Map<String, Object> activation = new LinkedHashMap<>(vars);
            activation.putAll(c.constants());
            Object out;
            try {
                out = c.program().eval(activation);
            } catch (CelEvaluationException e) {
                // CEL's message may quote values from the request: only its error code is reported
                return new Decision.Reject(Decision.POLICY_ERROR, r.name(), "rule " + r.name()
                        + " could not be evaluated (" + e.getErrorCode() + ")");
            } catch (RuntimeException e) {
                return new Decision.Reject(Decision.POLICY_ERROR, r.name(), "rule " + r.name()
                        + " could not be evaluated (" + e.getClass().getSimpleName() + ")");
            }
            if (!(out instanceof Boolean b)) {
                return new Decision.Reject(Decision.POLICY_ERROR, r.name(), "rule " + r.name() + " did not yield a bool");
            }
            if (!b) {
                return new Decision.Reject(r.reasonCode(), r.name(), "refused by rule " + r.name());
            }
        }
        return Decision.ADMIT;
    }

    // ---- loading ----

    private static Compiled parse(String file, String text) throws PolicyException {
        Node root;
        try {
            LoaderOptions lo = new LoaderOptions();
            lo.setAllowDuplicateKeys(false);
            lo.setMaxAliasesForCollections(0);
            root = new Yaml(lo).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark();
            throw new PolicyException(file + (m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
                    + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new PolicyException(file + ": not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof MappingNode map)) {
            throw new PolicyException(file + ": a rule file must be a YAML mapping with name, reason and expression");
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null || !KEYS.contains(key)) {
                throw new PolicyException(at(file, t.getKeyNode()) + ": unknown key"
                        + (key == null ? "" : " '" + key + "'") + " (expected name, reason, description, constants, expression)");
            }
            if (fields.put(key, t.getValueNode()) != null) {
                throw new PolicyException(at(file, t.getKeyNode()) + ": key '" + key + "' appears twice");
            }
        }
        for (String k : List.of("name", "reason", "expression")) {
            if (!fields.containsKey(k)) {
                throw new PolicyException(file + ": missing key '" + k + "'");
            }
        }
        String name = scalar(file, fields.get("name"), "name", null);
        if (!NAME.matcher(name).matches()) {
            throw new PolicyException(at(file, fields.get("name")) + ": name must match [a-z0-9][a-z0-9-]{0,63}");
        }
        String reasonText = scalar(file, fields.get("reason"), "reason", Tag.INT);
        int reason;
        try {
            reason = Integer.parseInt(reasonText);
        } catch (NumberFormatException e) {
            reason = -1;
        }
        if (reason < 32 || reason > 65535) {
            throw new PolicyException(at(file, fields.get("reason")) + ": reason must be an integer in 32..65535"
                    + " (1..31 are the gateway's own codes)");
        }
        String description = fields.containsKey("description")
                ? scalar(file, fields.get("description"), "description", Tag.STR) : "";
        Map<String, Object> constants = new LinkedHashMap<>();
        Map<String, CelType> constantTypes = new LinkedHashMap<>();
        if (fields.containsKey("constants")) {
            constants(file, fields.get("constants"), constants, constantTypes);
        }
        Node exprNode = fields.get("expression");
        String expression = scalar(file, exprNode, "expression", null);
        CelCompilerBuilder b = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS).setResultType(SimpleType.BOOL);
        CONTEXT.forEach(b::addVar);
        constantTypes.forEach(b::addVar);
        CelCompiler compiler = b.build();
        CelValidationResult res = compiler.compile(expression, file);
        if (res.hasError()) {
            CelIssue first = res.getErrors().get(0);
            throw new PolicyException(position(file, text, exprNode, first) + ": expression does not compile"
                    + " (expression line " + first.getSourceLocation().getLine() + ", column "
                    + (first.getSourceLocation().getColumn() + 1) + "): " + first.getMessage() + (res.getErrors().size() > 1 ? " (and " + (res.getErrors().size() - 1)
                    + " more)" : ""));
        }
        CelAbstractSyntaxTree ast;
        CelRuntime.Program program;
        try {
            ast = res.getAst();
            program = RUNTIME.createProgram(ast);
        } catch (dev.cel.common.CelException e) {
            throw new PolicyException(at(file, exprNode) + ": expression cannot be planned: " + e.getMessage());
        }
        return new Compiled(new Rule(name, reason, description, file, expression), Map.copyOf(constants), program);
    }

    private static String at(String file, Node n) {
        Mark m = n.getStartMark();
        return m == null ? file : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
    }

    /** file:line:column of a CEL issue; exact for literal blocks ({@code |}) and single-line scalars. */
    private static String position(String file, String text, Node exprNode, CelIssue issue) {
        int line = issue.getSourceLocation().getLine();
        int col = issue.getSourceLocation().getColumn();
        Mark m = exprNode.getStartMark();
        if (line < 1 || m == null) {
            return at(file, exprNode);
        }
        ScalarNode s = (ScalarNode) exprNode;
        DumperOptions.ScalarStyle style = s.getScalarStyle();
        if (style == DumperOptions.ScalarStyle.LITERAL) {
            String[] lines = text.split("\n", -1);
            int first = m.getLine() + 1;
            int indent = 0;
            for (int i = first; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    indent = lines[i].length() - lines[i].stripLeading().length();
                    break;
                }
            }
            return file + ":" + (first + line) + ":" + (indent + col + 1);
        }
        if (line == 1 && (style == DumperOptions.ScalarStyle.PLAIN || style == DumperOptions.ScalarStyle.SINGLE_QUOTED
                || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED)) {
            int quote = style == DumperOptions.ScalarStyle.PLAIN ? 0 : 1;
            return file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + quote + col + 1);
        }
        return at(file, exprNode);
    }

    /** A scalar's text; with a tag, the scalar must have it (YAML resolves {@code true} or {@code 12} to non-strings). */
    private static String scalar(String file, Node n, String key, Tag tag) throws PolicyException {
        if (!(n instanceof ScalarNode s) || (tag != null && !s.getTag().equals(tag))) {
            String kind = Tag.INT.equals(tag) ? "an integer" : tag == null ? "a single value" : "a string";
            throw new PolicyException(at(file, n) + ": " + key + " must be " + kind);
        }
        return s.getValue();
    }

    private static void constants(String file, Node n, Map<String, Object> values, Map<String, CelType> types)
            throws PolicyException {
        if (!(n instanceof MappingNode map)) {
            throw new PolicyException(at(file, n) + ": constants must be a mapping of name to value");
        }
        for (NodeTuple t : map.getValue()) {
            String name = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
            if (!IDENT.matcher(name).matches() || RESERVED.contains(name)) {
                throw new PolicyException(at(file, t.getKeyNode()) + ": constant name '" + name
                        + "' must match [a-z_][a-z0-9_]{0,63} and not be a CEL keyword");
            }
            if (CONTEXT.containsKey(name)) {
                throw new PolicyException(at(file, t.getKeyNode()) + ": constant '" + name
                        + "' would hide the request variable of that name");
            }
            if (values.containsKey(name)) {
                throw new PolicyException(at(file, t.getKeyNode()) + ": constant '" + name + "' appears twice");
            }
            Node v = t.getValueNode();
            if (v instanceof ScalarNode s) {
                Typed tv = typed(file, s, name);
                values.put(name, tv.value);
                types.put(name, tv.type);
            } else if (v instanceof SequenceNode seq) {
                List<Object> list = new ArrayList<>();
                CelType elem = null;
                for (Node item : seq.getValue()) {
                    if (!(item instanceof ScalarNode s)) {
                        throw new PolicyException(at(file, item) + ": constant '" + name + "': list items must be scalars");
                    }
                    Typed tv = typed(file, s, name);
                    if (elem != null && !elem.equals(tv.type)) {
                        throw new PolicyException(at(file, item) + ": constant '" + name + "': list mixes "
                                + elem.name() + " and " + tv.type.name());
                    }
                    elem = tv.type;
                    list.add(tv.value);
                }
                values.put(name, List.copyOf(list));
                types.put(name, ListType.create(elem == null ? SimpleType.DYN : elem));
            } else {
                throw new PolicyException(at(file, v) + ": constant '" + name + "' must be a scalar or a list of scalars");
            }
        }
    }

    private record Typed(Object value, CelType type) {}

    private static Typed typed(String file, ScalarNode s, String name) throws PolicyException {
        String v = s.getValue();
        try {
            if (s.getTag().equals(Tag.STR)) {
                return new Typed(v, SimpleType.STRING);
            } else if (s.getTag().equals(Tag.INT)) {
                return new Typed(Long.parseLong(v.replace("_", "")), SimpleType.INT);
            } else if (s.getTag().equals(Tag.FLOAT)) {
                return new Typed(Double.parseDouble(v.replace("_", "")), SimpleType.DOUBLE);
            } else if (s.getTag().equals(Tag.BOOL)) {
                return new Typed(Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT)), SimpleType.BOOL);
            }
        } catch (NumberFormatException e) {
            throw new PolicyException(at(file, s) + ": constant '" + name + "': number out of range or not decimal");
        }
        throw new PolicyException(at(file, s) + ": constant '" + name + "' must be a string, integer, number or bool");
    }

    private static byte[] hash(Map<String, String> sorted) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("zkgw-policy-v1".getBytes(StandardCharsets.US_ASCII));
            for (var e : sorted.entrySet()) {
                for (String part : List.of(e.getKey(), e.getValue())) {
                    byte[] b = part.getBytes(StandardCharsets.UTF_8);
                    md.update(ByteBuffer.allocate(4).putInt(b.length).array());
                    md.update(b);
                }
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
