package io.zkgw.chainapp.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.Account;
import io.zkgw.chainapp.proto.Params;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The genesis {@code app_state} (JSON inside CometBFT's genesis.json):
 *
 * <pre>
 * {
 *   "params":   { "min_tx_fee": "0", "max_deadline_blocks": "100000" },
 *   "accounts": [ { "address": "40 hex digits", "balance": "1000000" } ]
 * }
 * </pre>
 *
 * Amounts may be JSON strings of decimal digits or JSON integers; all are 0..2^63-1 and their sum
 * too. Unknown fields are an error. An empty or absent app_state means default params, no accounts.
 */
public record Genesis(Params params, Map<String, Long> balances) {
    public static final long DEFAULT_MAX_DEADLINE_BLOCKS = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /**
     * The app_state JSON for these params and balances (address hex → balance, written in the map's
     * order), as {@link #parse} reads it: for setting up a ledger (the demo, tests).
     */
    public static String appStateJson(long minTxFee, long maxDeadlineBlocks, Map<String, Long> balances) {
        var root = JSON.createObjectNode();
        root.putObject("params").put("min_tx_fee", Long.toString(minTxFee))
                .put("max_deadline_blocks", Long.toString(maxDeadlineBlocks));
        var accounts = root.putArray("accounts");
        balances.forEach((address, balance) -> accounts.addObject().put("address", address).put("balance", Long.toString(balance)));
        return root.toString();
    }

    /** Parses the app_state bytes; throws IllegalArgumentException with a clear message when invalid. */
    public static Genesis parse(byte[] appState) {
        Params.Builder params = Params.newBuilder().setMinTxFee(0).setMaxDeadlineBlocks(DEFAULT_MAX_DEADLINE_BLOCKS);
        Map<String, Long> balances = new TreeMap<>();
        if (appState == null || appState.length == 0) {
            return new Genesis(params.build(), balances);
        }
        JsonNode root;
        try {
            root = JSON.readTree(appState);
        } catch (IOException e) {
            throw new IllegalArgumentException("genesis app_state is not JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isNull()) {
            return new Genesis(params.build(), balances);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("genesis app_state must be a JSON object");
        }
        onlyFields(root, "app_state", "params", "accounts");
        JsonNode p = root.get("params");
        if (p != null && !p.isNull()) {
            onlyFields(p, "params", "min_tx_fee", "max_deadline_blocks");
            if (p.has("min_tx_fee")) {
                params.setMinTxFee(amount(p.get("min_tx_fee"), "params.min_tx_fee"));
            }
            if (p.has("max_deadline_blocks")) {
                long m = amount(p.get("max_deadline_blocks"), "params.max_deadline_blocks");
                if (m == 0) {
                    throw new IllegalArgumentException("params.max_deadline_blocks must be at least 1");
                }
                params.setMaxDeadlineBlocks(m);
            }
        }
        JsonNode accounts = root.get("accounts");
        long total = 0;
        if (accounts != null && !accounts.isNull()) {
            if (!accounts.isArray()) {
                throw new IllegalArgumentException("accounts must be an array");
            }
            for (JsonNode a : accounts) {
                onlyFields(a, "account", "address", "balance");
                JsonNode addr = a.get("address");
                if (addr == null || !addr.isTextual() || !addr.asText().matches("[0-9a-fA-F]{40}")) {
                    throw new IllegalArgumentException("account address must be 40 hex digits: " + a);
                }
                String hex = addr.asText().toLowerCase(java.util.Locale.ROOT);
                long bal = amount(a.get("balance"), "balance of " + hex);
                if (balances.put(hex, bal) != null) {
                    throw new IllegalArgumentException("account " + hex + " appears twice");
                }
                try {
                    total = Math.addExact(total, bal);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("total genesis supply exceeds 2^63-1", e);
                }
            }
        }
        return new Genesis(params.build(), balances);
    }

    /** Writes the genesis state into {@code st} (an empty state). */
    void apply(LedgerState st, String chainId) {
        st.setChainId(chainId);
        st.setParams(params);
        long total = 0;
        for (Map.Entry<String, Long> e : balances.entrySet()) { // sorted by address
            if (e.getValue() > 0) {
                st.setAccount(Hashes.unhex(e.getKey()), Account.newBuilder().setBalance(e.getValue()).build());
            }
            total += e.getValue();
        }
        st.setSupply(total);
        st.setFeePool(0);
        st.setEscrow(0);
    }

    private static void onlyFields(JsonNode n, String what, String... allowed) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!java.util.Arrays.asList(allowed).contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "' in " + what);
            }
        }
    }

    private static long amount(JsonNode n, String what) {
        BigInteger v;
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException(what + " is missing");
        } else if (n.isTextual() && n.asText().matches("[0-9]{1,19}")) {
            v = new BigInteger(n.asText());
        } else if (n.isIntegralNumber()) {
            v = n.bigIntegerValue();
        } else {
            throw new IllegalArgumentException(what + " must be a non-negative integer, got " + n);
        }
        if (v.signum() < 0 || v.bitLength() > 63) {
            throw new IllegalArgumentException(what + " must be in 0..2^63-1, got " + v);
        }
        return v.longValueExact();
    }
}
