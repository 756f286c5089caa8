package io.zkgw.chainclient.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A CometBFT event query over transaction events, as conditions joined by AND (the query language of
 * v0.38 has no OR or parentheses), e.g. {@code prediction_requested.provider='ab12…'}. The same query
 * serves a live subscription ({@link #forSubscription()}: prefixed with {@code tm.event='Tx'}) and a
 * tx_search catch-up ({@link #forSearch}: with a height range), so both see the same transactions.
 */
public record TxQuery(List<String> conditions) {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]+");

    public TxQuery {
        conditions = List.copyOf(conditions);
    }

    /** All transactions. */
    public static TxQuery all() {
        return new TxQuery(List.of());
    }

    /** Transactions with an event attribute {@code key} (type.attribute) equal to {@code value}. */
    public static TxQuery eq(String key, String value) {
        return all().and(key, value);
    }

    public TxQuery and(String key, String value) {
        Objects.requireNonNull(value, "value");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not an event attribute key: " + key);
        }
        if (value.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("query values cannot contain a single quote");
        }
        List<String> c = new ArrayList<>(conditions);
        c.add(key + "='" + value + "'");
        return new TxQuery(c);
    }

    /** The subscription query: {@code tm.event='Tx'} and these conditions. */
    public String forSubscription() {
        List<String> c = new ArrayList<>();
        c.add("tm.event='Tx'");
        c.addAll(conditions);
        return String.join(" AND ", c);
    }

    /** The tx_search query for heights in (after, upTo]. */
    public String forSearch(long after, long upTo) {
        List<String> c = new ArrayList<>(conditions);
        c.add("tx.height > " + after);
        c.add("tx.height <= " + upTo);
        return String.join(" AND ", c);
    }

    @Override
    public String toString() {
        return conditions.isEmpty() ? "(all txs)" : String.join(" AND ", conditions);
    }
}
