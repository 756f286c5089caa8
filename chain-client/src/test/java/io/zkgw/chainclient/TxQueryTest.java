package io.zkgw.chainclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkgw.chainclient.events.TxQuery;
import io.zkgw.chainclient.light.TrustAnchor;
import io.zkgw.chainclient.tx.ResultCodes;
import org.junit.jupiter.api.Test;

class TxQueryTest {
    @Test
    void oneQueryForSubscriptionAndSearch() {
        TxQuery q = TxQuery.eq("prediction_requested.provider", "ab12").and("prediction_requested.model", "cd34");
        assertEquals("tm.event='Tx' AND prediction_requested.provider='ab12' AND prediction_requested.model='cd34'", q.forSubscription());
        assertEquals("prediction_requested.provider='ab12' AND prediction_requested.model='cd34' AND tx.height > 5 AND tx.height <= 9",
                q.forSearch(5, 9));
        assertEquals("tm.event='Tx'", TxQuery.all().forSubscription());
        assertThrows(IllegalArgumentException.class, () -> TxQuery.eq("a.b", "x' OR 1"));
        assertThrows(IllegalArgumentException.class, () -> TxQuery.eq("a b", "x"));
    }

    @Test
    void codesAreNamed() {
        assertEquals("WRONG_SEQUENCE (code 4): the sequence is not the signer account's next sequence (replayed or out of order);"
                + " log: expected sequence 3, got 2", ResultCodes.describe("zkgw", 4, "expected sequence 3, got 2"));
        assertEquals("code 4 in codespace 'sdk'", ResultCodes.describe("sdk", 4, ""));
    }

    @Test
    void trustAnchorParses() {
        TrustAnchor a = TrustAnchor.parse("12:" + "AB".repeat(32));
        assertEquals(12, a.height());
        assertEquals(a, TrustAnchor.parse(a.toString()));
        assertThrows(IllegalArgumentException.class, () -> TrustAnchor.parse("12"));
        assertThrows(IllegalArgumentException.class, () -> TrustAnchor.parse("0:" + "AB".repeat(32)));
    }
}
