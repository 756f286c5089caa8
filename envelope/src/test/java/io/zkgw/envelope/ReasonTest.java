package io.zkgw.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The codes are protocol (posted on chain, documented in docs/chain.md): this table may only grow. */
class ReasonTest {
    @Test
    void codesAreTheDocumentedOnes() {
        Map<Integer, Reason> expected = new LinkedHashMap<>();
        expected.put(1, Reason.POLICY_REFUSED);
        expected.put(2, Reason.BAD_CIPHERTEXT);
        expected.put(3, Reason.COMMITMENT_MISMATCH);
        expected.put(4, Reason.OVERLOADED);
        expected.put(5, Reason.MODEL_RETIRED);
        expected.put(6, Reason.MALFORMED_PAYLOAD);
        expected.put(7, Reason.UNSUPPORTED_VERSION);
        expected.put(8, Reason.WRONG_INPUT_WIDTH);
        expected.put(9, Reason.INPUT_OUT_OF_RANGE);
        expected.put(10, Reason.POLICY_ERROR);
        assertEquals(expected.size(), Reason.values().length);
        expected.forEach((code, r) -> {
            assertEquals(code, r.code());
            assertEquals(r, Reason.ofCode(code).orElseThrow());
        });
        for (Reason r : Reason.values()) {
            assertTrue(r.code() > 0 && r.code() < Reason.FIRST_POLICY_CODE);
        }
        assertTrue(Reason.ofCode(0).isEmpty());
        assertTrue(Reason.ofCode(Reason.FIRST_POLICY_CODE).isEmpty());
    }
}
