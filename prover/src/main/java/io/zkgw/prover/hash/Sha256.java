package io.zkgw.prover.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 through the JDK provider (intrinsified with SHA-NI where the CPU has it). */
public final class Sha256 {
    private static final ThreadLocal<MessageDigest> MD = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {}

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    /** A per-thread instance, reset; callers must finish with digest() before yielding the thread. */
    public static MessageDigest threadLocal() {
        MessageDigest md = MD.get();
        md.reset();
        return md;
    }

    public static byte[] hash(byte[] data) {
        return threadLocal().digest(data);
    }

    public static Digest digest(byte[] data) {
        return Digest.of(hash(data));
    }
}
