package io.zkgw.chainclient.types;

import java.util.Objects;

/** A header and the commit that signs it. */
public record SignedHeader(Header header, Commit commit) {
    public SignedHeader {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(commit, "commit");
    }

    public long height() {
        return header.height();
    }
}
