package io.zkgw.cli.clinician;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkgw.inference.card.ModelCard;
import io.zkgw.prover.inference.CircuitDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** patient.json against the real breast-cancer card: the quantisation is the card's, every mistake is named. */
class PatientInputTest {
    static final ModelCard CARD = Hospital.BC.card();
    static final ObjectMapper JSON = new ObjectMapper();

    static String message(Map<String, ?> m) throws Exception {
        String json = JSON.writeValueAsString(m);
        ClinicianException e = assertThrows(ClinicianException.class,
                () -> PatientInput.parse(json, "patient.json").quantise(CARD));
        assertEquals(ClinicianException.Kind.BAD_INPUT, e.kind());
        return e.getMessage();
    }

    @Test
    void aTestRowQuantisesExactlyAsTheCard() throws Exception {
        int accepted = 0;
        for (int row = 0; row < Hospital.BC.test().features().length; row++) {
            String json = JSON.writeValueAsString(Hospital.BC.patient(row));
            try {
                long[] x = PatientInput.parse(json, "p").quantise(CARD);
                assertArrayEquals(CARD.spec().quantiseInput(Hospital.BC.test().features()[row]), x);
                accepted++;
            } catch (ClinicianException e) {
                assertTrue(e.getMessage().contains("outside the range the model can represent"), e.getMessage());
            }
        }
        // the representable range is the calibration range with headroom: real rows fit (almost) always
        assertTrue(accepted >= Hospital.BC.test().features().length * 9 / 10, accepted + " rows accepted");
    }

    @Test
    void mistakesAreNamedWithoutValues() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>(Hospital.BC.patient(0));
        Object area = row.get("mean_area");

        Map<String, Object> missing = new LinkedHashMap<>(row);
        missing.remove("mean_area");
        assertTrue(message(missing).startsWith("missing feature 'mean_area'"), message(missing));

        Map<String, Object> unknown = new LinkedHashMap<>(row);
        unknown.put("shoe_size", 42);
        assertTrue(message(unknown).startsWith("unknown feature 'shoe_size'"), message(unknown));

        Map<String, Object> text = new LinkedHashMap<>(row);
        text.put("mean_area", "575.5");
        assertEquals("patient.json: feature 'mean_area' is not a number (string)", message(text));
        text.put("mean_area", null);
        assertEquals("patient.json: feature 'mean_area' is not a number (null)", message(text));

        Map<String, Object> huge = new LinkedHashMap<>(row);
        huge.put("mean_area", 1e9);
        String m = message(huge);
        assertTrue(m.matches("feature 'mean_area' is outside the range the model can represent: \\[\\S+, \\S+\\]"), m);
        assertFalse(m.contains("1e9") || m.contains("1.0E9") || m.contains("1000000000"), "no value in: " + m);

        ClinicianException dup = assertThrows(ClinicianException.class,
                () -> PatientInput.parse("{\"mean_area\": 1, \"mean_area\": 2}", "p.json"));
        assertTrue(dup.getMessage().contains("appears twice"), dup.getMessage());
        assertTrue(assertThrows(ClinicianException.class, () -> PatientInput.parse("[1, 2]", "p.json"))
                .getMessage().contains("one JSON object"));
        assertTrue(assertThrows(ClinicianException.class, () -> PatientInput.parse("{\"a\": ", "p.json"))
                .getMessage().startsWith("p.json is not valid JSON"));
        assertFalse(String.valueOf(area).isEmpty());
    }

    @Test
    void aCardMustDescribeTheCommittedCircuit() throws Exception {
        CircuitDescription d = Hospital.BC.committed().description();
        assertEquals(CARD.input().features(), ModelCards.parse(Hospital.BC.cardBytes(), d, "m").input().features());
        var e = assertThrows(ClinicianException.class, () -> ModelCards.parse(new byte[0], d, "m"));
        assertTrue(e.getMessage().contains("has no model card"), e.getMessage());
        e = assertThrows(ClinicianException.class, () -> ModelCards.parse("{\"x\": 1}".getBytes(), d, "m"));
        assertTrue(e.getMessage().contains("not a valid card.json"), e.getMessage());
        // a card of another width: drop one feature from the card JSON
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Hospital.BC.cardBytes());
        var input = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("input");
        ((com.fasterxml.jackson.databind.node.ArrayNode) input.get("mul")).remove(0);
        byte[] narrow = JSON.writeValueAsBytes(tree);
        e = assertThrows(ClinicianException.class, () -> ModelCards.parse(narrow, d, "m"));
        assertTrue(e.getMessage().contains("does not describe its committed circuit"), e.getMessage());
    }
}
