package io.zkgw.chainapp.app;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the claims that verified, so that a fulfilment verified in CheckTx is not verified again when
 * its block is executed (a bc_mlp proof is verified in tens of milliseconds; hashing its 450 kB takes about
 * one). Only successes are kept, keyed by a SHA-256 over every field of the claim, each length-prefixed,
 * so a hit means the very same statement and proof bytes. The outcome never depends on the memo: the
 * verifier is a pure function of the claim, so a validator with an empty memo reaches the same verdict.
 */
final class VerifiedClaimMemo implements FulfilmentVerifier {
    static final int CAPACITY = 4096;

    private final FulfilmentVerifier verifier;
    private final Map<String, Boolean> verified = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    VerifiedClaimMemo(FulfilmentVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public void verify(Claim c) throws InvalidProof {
        String key = digest(c);
        synchronized (verified) {
            if (verified.get(key) != null) {
                return;
            }
        }
        verifier.verify(c);
        synchronized (verified) {
            verified.put(key, Boolean.TRUE);
        }
    }

    private static void update(MessageDigest md, byte[] field) {
        md.update(ByteBuffer.allocate(4).putInt(field.length).array());
        md.update(field);
    }

    static String digest(Claim c) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        for (byte[] field : new byte[][] {c.modelId(), c.weightsCommitment(), c.circuitDescription(), c.proof()}) {
            update(md, field);
        }
        // the count, then each answer's fields: a claim's bytes can be split into fields only one way
        md.update(ByteBuffer.allocate(4).putInt(c.answers().size()).array());
        for (Answer a : c.answers()) {
            for (byte[] field : new byte[][] {a.requestId(), a.inputCommitment(), a.maskCommitment(), a.maskedOutput()}) {
                update(md, field);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
