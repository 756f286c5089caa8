package io.zkgw.gateway.db;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Timestamps as stored: UTC, truncated to microseconds (PostgreSQL's precision) so reads equal writes. */
public final class Timestamps {
    private Timestamps() {}

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
