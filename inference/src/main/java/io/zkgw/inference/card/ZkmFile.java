package io.zkgw.inference.card;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zkgw.inference.InferenceException;
import io.zkgw.inference.export.IntOnnxExporter;
import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntModelCodec;
import io.zkgw.inference.onnx.OnnxCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .zkm} file: a zip holding {@code model.zkir} (the canonical integer model, ground truth),
 * {@code model.onnx} (the same model as an integer ONNX graph for ONNX Runtime) and {@code card.json}.
 * Written deterministically; on load the three parts are checked against each other.
 */
public final class ZkmFile {
    static final String IR = "model.zkir";
    static final String ONNX = "model.onnx";
    static final String CARD = "card.json";
    private static final long MAX_ENTRY = 1L << 30;

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ZkmFile() {}

    /** A loaded model: the integer model and its card. */
    public record Loaded(IntModel model, ModelCard card) {}

    public static void write(Path file, IntModel model, ModelCard card) {
        byte[] ir = IntModelCodec.encode(model);
        if (!card.integerModelSha256().equals(sha256Hex(ir))) {
            throw new IllegalArgumentException("card does not describe this integer model");
        }
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            put(z, CARD, cardJson(card));
            put(z, IR, ir);
            put(z, ONNX, OnnxCodec.encode(IntOnnxExporter.export(model)));
        } catch (IOException e) {
            throw new InferenceException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void put(ZipOutputStream z, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(LocalDateTime.of(1980, 1, 1, 0, 0)); // fixed, so the file hash is reproducible
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
    }

    /**
     * The card as {@code card.json} holds it, byte for byte: the public part of a model that goes on the
     * ledger with CommitModel (model_card), so clinicians can quantise inputs and read labels.
     */
    public static byte[] cardJson(ModelCard card) {
        try {
            return JSON.writeValueAsBytes(card);
        } catch (IOException e) {
            throw new InferenceException("cannot encode the model card: " + e.getMessage(), e);
        }
    }

    public static Loaded read(Path file) {
        Map<String, byte[]> parts = new HashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (parts.containsKey(e.getName())) {
                    throw new InferenceException(file + ": duplicate entry " + e.getName());
                }
                parts.put(e.getName(), readLimited(z, file, e.getName()));
            }
        } catch (IOException e) {
            throw new InferenceException(file + " is not a readable .zkm file: " + e.getMessage(), e);
        }
        for (String need : new String[] {IR, ONNX, CARD}) {
            if (!parts.containsKey(need)) {
                throw new InferenceException(file + " is not a .zkm model: missing " + need);
            }
        }
        IntModel model = IntModelCodec.decode(parts.get(IR));
        ModelCard card;
        try {
            card = JSON.readValue(parts.get(CARD), ModelCard.class);
        } catch (IOException e) {
            throw new InferenceException(file + ": card.json is invalid: " + e.getMessage());
        }
        if (card.formatVersion() != ModelCard.FORMAT_VERSION) {
            throw new InferenceException(file + ": card format " + card.formatVersion() + " is not supported");
        }
        if (!sha256Hex(parts.get(IR)).equals(card.integerModelSha256())) {
            throw new InferenceException(file + ": card.json does not match model.zkir (hash differs)");
        }
        if (!Arrays.equals(parts.get(ONNX), OnnxCodec.encode(IntOnnxExporter.export(model)))) {
            throw new InferenceException(file + ": model.onnx does not match model.zkir");
        }
        if (card.input().mul().length != model.inputSize() || card.input().lo() != model.inLo()
                || card.input().hi() != model.inHi()) {
            throw new InferenceException(file + ": card input schema does not match the integer model");
        }
        return new Loaded(model, card);
    }

    private static byte[] readLimited(InputStream in, Path file, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > MAX_ENTRY) {
                throw new InferenceException(file + ": entry " + name + " is larger than 1 GiB");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    public static String sha256Hex(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
