package io.zkgw.chainclient.rpc;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A transaction's execution result in a block (FinalizeBlock's ExecTxResult): code, log, data, events. */
public record ExecResult(int code, String codespace, String log, ByteString data, List<Event> events) {
    public ExecResult {
        Objects.requireNonNull(codespace, "codespace");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(data, "data");
        events = List.copyOf(events);
    }

    public boolean ok() {
        return code == 0;
    }

    /** The value of attribute {@code key} of the first event of {@code type}, if any. */
    public Optional<String> attribute(String type, String key) {
        for (Event e : events) {
            if (e.type().equals(type)) {
                Optional<String> v = e.attribute(key);
                if (v.isPresent()) {
                    return v;
                }
            }
        }
        return Optional.empty();
    }

    /** An ABCI event: a type and its attributes in order. */
    public record Event(String type, List<Attribute> attributes) {
        public Event {
            Objects.requireNonNull(type, "type");
            attributes = List.copyOf(attributes);
        }

        public Optional<String> attribute(String key) {
            for (Attribute a : attributes) {
                if (a.key().equals(key)) {
                    return Optional.of(a.value());
                }
            }
            return Optional.empty();
        }
    }

    public record Attribute(String key, String value) {
        public Attribute {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }
}
