package io.zkgw.chainclient.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainclient.light.StateProof;
import io.zkgw.chainclient.light.TxInclusionProof;
import io.zkgw.chainclient.merkle.MerkleProof;
import io.zkgw.chainclient.types.BlockId;
import io.zkgw.chainclient.types.Commit;
import io.zkgw.chainclient.types.CommitSig;
import io.zkgw.chainclient.types.Header;
import io.zkgw.chainclient.types.Hex;
import io.zkgw.chainclient.types.PartSetHeader;
import io.zkgw.chainclient.types.SignedHeader;
import io.zkgw.chainclient.types.Validator;
import io.zkgw.chainclient.types.Version;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * CometBFT v0.38's JSON (RPC results and event payloads) to this module's records. Strict: a missing or
 * mistyped field is a {@link MalformedResponseException}, never a silent zero. The JSON conventions:
 * 64-bit integers as decimal strings, hashes and addresses as hex, other bytes as base64, times RFC 3339.
 */
public final class CometJson {
    public static final String ED25519_KEY_TYPE = "tendermint/PubKeyEd25519";

    private CometJson() {}

    public static SignedHeader signedHeader(JsonNode n) throws MalformedResponseException {
        return new SignedHeader(header(field(n, "header")), commit(field(n, "commit")));
    }

    public static Header header(JsonNode n) throws MalformedResponseException {
        JsonNode v = field(n, "version");
        return new Header(
                new Version(longOf(v, "block"), v.has("app") ? longOf(v, "app") : 0),
                text(n, "chain_id"),
                longOf(n, "height"),
                time(n, "time"),
                blockId(field(n, "last_block_id")),
                hex(n, "last_commit_hash"),
                hex(n, "data_hash"),
                hex(n, "validators_hash"),
                hex(n, "next_validators_hash"),
                hex(n, "consensus_hash"),
                hex(n, "app_hash"),
                hex(n, "last_results_hash"),
                hex(n, "evidence_hash"),
                hex(n, "proposer_address"));
    }

    public static BlockId blockId(JsonNode n) throws MalformedResponseException {
        JsonNode parts = field(n, "parts");
        try {
            return new BlockId(hex(n, "hash"), new PartSetHeader(longOf(parts, "total"), hex(parts, "hash")));
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException("block id: " + e.getMessage(), e);
        }
    }

    public static Commit commit(JsonNode n) throws MalformedResponseException {
        List<CommitSig> sigs = new ArrayList<>();
        for (JsonNode s : array(n, "signatures")) {
            CommitSig.BlockIdFlag flag;
            try {
                flag = CommitSig.BlockIdFlag.of((int) longOf(s, "block_id_flag"));
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException("commit signature: " + e.getMessage(), e);
            }
            sigs.add(new CommitSig(flag, hex(s, "validator_address"), time(s, "timestamp"), base64(s, "signature")));
        }
        long round = longOf(n, "round");
        if (round < Integer.MIN_VALUE || round > Integer.MAX_VALUE) {
            throw new MalformedResponseException("commit round out of range: " + round);
        }
        return new Commit(longOf(n, "height"), (int) round, blockId(field(n, "block_id")), sigs);
    }

    public static Validator validator(JsonNode n) throws MalformedResponseException {
        JsonNode key = field(n, "pub_key");
        String type = text(key, "type");
        if (!ED25519_KEY_TYPE.equals(type)) {
            throw new MalformedResponseException("validator key type " + type + " is not supported (Ed25519 only)");
        }
        return new Validator(hex(n, "address"), base64(key, "value"), longOf(n, "voting_power"));
    }

    public static NodeStatus status(JsonNode n) throws MalformedResponseException {
        JsonNode sync = field(n, "sync_info");
        return new NodeStatus(text(field(n, "node_info"), "network"), longOf(sync, "latest_block_height"),
                hex(sync, "latest_block_hash"), time(sync, "latest_block_time"), sync.path("catching_up").asBoolean(false));
    }

    /** An ExecTxResult ({@code tx_result} of tx/tx_search, {@code result} of a Tx event). */
    public static ExecResult execResult(JsonNode n) throws MalformedResponseException {
        List<ExecResult.Event> events = new ArrayList<>();
        JsonNode evs = n.path("events");
        if (!evs.isMissingNode() && !evs.isNull()) {
            for (JsonNode e : evs) {
                List<ExecResult.Attribute> attrs = new ArrayList<>();
                for (JsonNode a : e.path("attributes")) {
                    attrs.add(new ExecResult.Attribute(text(a, "key"), a.path("value").isNull() ? "" : text(a, "value")));
                }
                events.add(new ExecResult.Event(text(e, "type"), attrs));
            }
        }
        return new ExecResult((int) optLong(n, "code"), n.path("codespace").asText(""), n.path("log").asText(""),
                base64(n, "data"), events);
    }

    /** A result of tx or tx_search: hash, height, index, tx_result, tx and, when asked for, proof. */
    public static TxRecord txRecord(JsonNode n) throws MalformedResponseException {
        ByteString tx = base64(n, "tx");
        long height = longOf(n, "height");
        Optional<TxInclusionProof> proof = Optional.empty();
        JsonNode p = n.path("proof");
        if (p.isObject() && p.has("proof") && !p.path("root_hash").asText("").isEmpty()) {
            JsonNode mp = field(p, "proof");
            List<ByteString> aunts = new ArrayList<>();
            for (JsonNode a : mp.path("aunts")) {
                aunts.add(decodeBase64(a.asText(), "aunt"));
            }
            proof = Optional.of(new TxInclusionProof(height, base64(p, "data"), hex(p, "root_hash"),
                    new MerkleProof(longOf(mp, "total"), longOf(mp, "index"), base64(mp, "leaf_hash"), aunts)));
        }
        return new TxRecord(height, (int) longOf(n, "index"), ByteString.copyFrom(Hashes.sha256(tx.toByteArray())), tx,
                execResult(field(n, "tx_result")), proof);
    }

    /** The txs of a {@code block} response ({@code block.data.txs}), in block order; an empty block may send null. */
    public static List<ByteString> blockTxs(JsonNode response) throws MalformedResponseException {
        JsonNode txs = field(field(response, "block"), "data").get("txs");
        List<ByteString> out = new ArrayList<>();
        if (txs == null || txs.isNull()) {
            return out;
        }
        if (!txs.isArray()) {
            throw new MalformedResponseException("field 'txs' is not an array");
        }
        for (JsonNode t : txs) {
            if (!t.isTextual()) {
                throw new MalformedResponseException("a tx of the block is not a string");
            }
            out.add(decodeBase64(t.asText(), "tx"));
        }
        return out;
    }

    /** The {@code TxResult} of a Tx event ({@code data.value.TxResult} of a subscription message). */
    public static TxRecord txEvent(JsonNode txResult) throws MalformedResponseException {
        ByteString tx = base64(txResult, "tx");
        return new TxRecord(longOf(txResult, "height"), (int) optLong(txResult, "index"),
                ByteString.copyFrom(Hashes.sha256(tx.toByteArray())), tx, execResult(field(txResult, "result")), Optional.empty());
    }

    public static AbciQueryResult abciQuery(JsonNode response) throws MalformedResponseException {
        List<StateProof.ProofOp> ops = new ArrayList<>();
        JsonNode po = response.path("proofOps");
        if (po.isObject()) {
            for (JsonNode op : po.path("ops")) {
                ops.add(new StateProof.ProofOp(text(op, "type"), base64(op, "key"), base64(op, "data")));
            }
        }
        return new AbciQueryResult((int) optLong(response, "code"), response.path("codespace").asText(""),
                response.path("log").asText(""), base64(response, "key"), base64(response, "value"),
                optLong(response, "height"), ops);
    }

    public static BroadcastResult broadcast(JsonNode n) throws MalformedResponseException {
        return new BroadcastResult((int) optLong(n, "code"), n.path("codespace").asText(""), n.path("log").asText(""),
                base64(n, "data"), hex(n, "hash"));
    }

    // --- field helpers ---

    static JsonNode field(JsonNode n, String name) throws MalformedResponseException {
        JsonNode v = n == null ? null : n.get(name);
        if (v == null || v.isNull()) {
            throw new MalformedResponseException("missing field '" + name + "'");
        }
        return v;
    }

    static Iterable<JsonNode> array(JsonNode n, String name) throws MalformedResponseException {
        JsonNode v = field(n, name);
        if (!v.isArray()) {
            throw new MalformedResponseException("field '" + name + "' is not an array");
        }
        return v;
    }

    static String text(JsonNode n, String name) throws MalformedResponseException {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw new MalformedResponseException("field '" + name + "' is not a string");
        }
        return v.asText();
    }

    /** A 64-bit integer written as a JSON number or a decimal string. */
    static long longOf(JsonNode n, String name) throws MalformedResponseException {
        JsonNode v = field(n, name);
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText());
            } catch (NumberFormatException e) {
                throw new MalformedResponseException("field '" + name + "' is not an integer: " + v.asText(), e);
            }
        }
        throw new MalformedResponseException("field '" + name + "' is not an integer");
    }

    /** Like {@link #longOf} but 0 when absent (CometBFT omits zero codes). */
    static long optLong(JsonNode n, String name) throws MalformedResponseException {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? 0 : longOf(n, name);
    }

    static ByteString hex(JsonNode n, String name) throws MalformedResponseException {
        String s = text(n, name);
        try {
            return Hex.parse(s);
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException("field '" + name + "' is not hex", e);
        }
    }

    /** Base64 bytes; an absent or null field is empty (CometBFT writes null for empty byte slices). */
    static ByteString base64(JsonNode n, String name) throws MalformedResponseException {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return ByteString.EMPTY;
        }
        return decodeBase64(v.asText(), name);
    }

    private static ByteString decodeBase64(String s, String what) throws MalformedResponseException {
        try {
            return ByteString.copyFrom(Base64.getDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException("'" + what + "' is not base64", e);
        }
    }

    static Instant time(JsonNode n, String name) throws MalformedResponseException {
        String s = text(n, name);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new MalformedResponseException("field '" + name + "' is not an RFC 3339 time: " + s, e);
        }
    }
}
