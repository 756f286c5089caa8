package io.zkgw.chainclient.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code block} response's txs: decoded in order, or a {@link MalformedResponseException} naming what is wrong. */
class BlockTxsJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<ByteString> txs(String json) throws Exception {
        return CometJson.blockTxs(JSON.readTree(json));
    }

    @Test
    void txsAreDecodedInBlockOrder() throws Exception {
        assertEquals(List.of(ByteString.copyFromUtf8("ab"), ByteString.copyFromUtf8("c")),
                txs("{\"block_id\":{},\"block\":{\"header\":{},\"data\":{\"txs\":[\"YWI=\",\"Yw==\"]}}}"));
        assertEquals(List.of(), txs("{\"block\":{\"data\":{\"txs\":[]}}}"));
        assertEquals(List.of(), txs("{\"block\":{\"data\":{\"txs\":null}}}"), "an empty block may send null");
        assertEquals(List.of(), txs("{\"block\":{\"data\":{}}}"));
    }

    @Test
    void malformedAnswersNameTheField() {
        assertEquals("missing field 'block'", assertThrows(MalformedResponseException.class, () -> txs("{}")).getMessage());
        assertEquals("missing field 'block'", assertThrows(MalformedResponseException.class, () -> txs("{\"block\":null}")).getMessage());
        assertEquals("missing field 'data'", assertThrows(MalformedResponseException.class, () -> txs("{\"block\":{}}")).getMessage());
        assertEquals("field 'txs' is not an array",
                assertThrows(MalformedResponseException.class, () -> txs("{\"block\":{\"data\":{\"txs\":\"YWI=\"}}}")).getMessage());
        assertEquals("a tx of the block is not a string",
                assertThrows(MalformedResponseException.class, () -> txs("{\"block\":{\"data\":{\"txs\":[\"YWI=\",7]}}}")).getMessage());
        assertEquals("'tx' is not base64",
                assertThrows(MalformedResponseException.class, () -> txs("{\"block\":{\"data\":{\"txs\":[\"*not base64*\"]}}}")).getMessage());
    }
}
