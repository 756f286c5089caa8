package io.zkgw.chainclient.types;

import java.util.Objects;

/** What the light client verifies for one height: the signed header and the validator set of that height. */
public record LightBlock(SignedHeader signedHeader, ValidatorSet validators) {
    public LightBlock {
        Objects.requireNonNull(signedHeader, "signedHeader");
        Objects.requireNonNull(validators, "validators");
    }

    public Header header() {
        return signedHeader.header();
    }

    public Commit commit() {
        return signedHeader.commit();
    }

    public long height() {
        return signedHeader.header().height();
    }

    public LightBlock withHeader(Header h) {
        return new LightBlock(new SignedHeader(h, signedHeader.commit()), validators);
    }

    public LightBlock withCommit(Commit c) {
        return new LightBlock(new SignedHeader(signedHeader.header(), c), validators);
    }

    public LightBlock withValidators(ValidatorSet v) {
        return new LightBlock(signedHeader, v);
    }
}
