package io.zkgw.cli;

import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.inference.ModelCommitment;
import io.zkgw.prover.pcs.tensor.TensorCommitment;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The public statement of one proved inference as the CLI writes it: key=value lines, hex and decimals. */
record Statement(ModelCommitment model, TensorCommitment input, TensorCommitment mask, long[] z) {
    static final String FILE = "statement.txt";
    static final String DESCRIPTION = "circuit.bin";
    static final String PROOF = "proof.bin";
    static final String SECRET = "requester-mask-seed.txt";
    private static final String HEADER = "zkgw-statement v1";

    String encode() {
        StringBuilder z10 = new StringBuilder();
        for (int i = 0; i < z.length; i++) {
            z10.append(i == 0 ? "" : ",").append(Long.toUnsignedString(z[i]));
        }
        return HEADER + "\nmodel_commitment=" + HexFormat.of().formatHex(model.encode()) + "\ninput_commitment="
                + input.root().toHex() + "\nmask_commitment=" + mask.root().toHex() + "\nz=" + z10 + "\n";
    }

    static Statement decode(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("not a zkgw statement (" + HEADER + ")");
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("statement line " + (i + 1) + " is not key=value");
            }
            kv.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
        }
        for (String k : new String[] {"model_commitment", "input_commitment", "mask_commitment", "z"}) {
            if (!kv.containsKey(k)) {
                throw new IllegalArgumentException("statement has no " + k);
            }
        }
        try {
            ModelCommitment mc = ModelCommitment.decode(HexFormat.of().parseHex(kv.get("model_commitment")));
            long[] z = Arrays.stream(kv.get("z").split(",")).mapToLong(Long::parseUnsignedLong).toArray();
            return new Statement(mc, new TensorCommitment(Digest.fromHex(kv.get("input_commitment"))),
                    new TensorCommitment(Digest.fromHex(kv.get("mask_commitment"))), z);
        } catch (DecodingException | NumberFormatException e) {
            throw new IllegalArgumentException("statement is malformed: " + e.getMessage());
        }
    }
}
