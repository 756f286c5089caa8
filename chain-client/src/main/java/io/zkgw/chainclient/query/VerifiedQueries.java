package io.zkgw.chainclient.query;

import com.google.protobuf.ByteString;
import io.zkgw.chainclient.light.LightClient;
import io.zkgw.chainclient.light.Proofs;
import io.zkgw.chainclient.light.StateProof;
import io.zkgw.chainclient.light.VerificationError;
import io.zkgw.chainclient.light.VerificationException;
import io.zkgw.chainclient.rpc.AbciQueryResult;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.TxRecord;
import io.zkgw.chainclient.types.Header;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Chain data checked by the light client: a transaction with its result proven to be in a verified
 * block, and state reads proven against a verified app hash. Trusts nothing the node says except what
 * the proofs and signatures establish. The clock is the caller's (the rules themselves take the time as
 * an argument).
 */
public final class VerifiedQueries {
    private static final Duration HEADER_WAIT = Duration.ofSeconds(30);

    private final CometRpcClient rpc;
    private final LightClient light;
    private final Clock clock;

    public VerifiedQueries(CometRpcClient rpc, LightClient light, Clock clock) {
        this.rpc = rpc;
        this.light = light;
        this.clock = clock;
    }

    /** A tx proven to be in the block at {@code header}'s height. Its result (code, events) is as the node reports it. */
    public record VerifiedTx(TxRecord tx, Header header) {}

    /** A state value (null when proven absent) proven against the app hash of {@code header} (query height + 1). */
    public record VerifiedValue(byte[] key, byte[] value, long height, Header header) {
        public Optional<byte[]> present() {
            return Optional.ofNullable(value).map(byte[]::clone);
        }
    }

    /** Looks up the tx with this hash (prove=true), verifies its block's header and the inclusion proof. */
    public VerifiedTx tx(ByteString hash) throws VerificationException, IOException, InterruptedException {
        TxRecord t = rpc.tx(hash, true);
        if (t.proof().isEmpty()) {
            throw new VerificationException(new VerificationError.TxProofInvalid(t.height(), hash, "the node sent no proof"));
        }
        Header h = light.verifyTo(t.height(), clock.instant()).header();
        ByteString proven = Proofs.verifyTxInclusion(h, t.proof().get());
        if (!proven.equals(hash) || !t.tx().equals(t.proof().get().tx())) {
            throw new VerificationException(new VerificationError.TxProofInvalid(t.height(), hash,
                    "the proof is for another transaction"));
        }
        return new VerifiedTx(t, h);
    }

    /** Reads {@code path}/{@code data} with prove=true and verifies the answer against header height + 1. */
    public VerifiedValue read(LedgerPaths path, byte[] data)
            throws VerificationException, QueryFailedException, IOException, InterruptedException {
        AbciQueryResult r = rpc.abciQuery(path.path(), data, 0, true);
        if (!r.ok()) {
            throw new QueryFailedException(path.path(), r.code(), r.codespace(), r.log());
        }
        return verify(path.stateKey(data), r.toStateProof());
    }

    /** Verifies a state proof for {@code key} (the key the caller expects, never the answer's). */
    public VerifiedValue verify(byte[] key, StateProof proof) throws VerificationException, IOException, InterruptedException {
        awaitHeight(proof.height() + 1);
        Header next = light.verifyTo(proof.height() + 1, clock.instant()).header();
        byte[] value = Proofs.verifyState(next, key, proof);
        return new VerifiedValue(key.clone(), value, proof.height(), next);
    }

    /** The account, proven; balance and sequence 0 when proven absent. */
    public AccountState account(ByteString address)
            throws VerificationException, QueryFailedException, IOException, InterruptedException {
        VerifiedValue v = read(LedgerPaths.ACCOUNT, address.toByteArray());
        return LedgerQueries.decodeAccount(address, v.value() == null ? ByteString.EMPTY : ByteString.copyFrom(v.value()), v.height());
    }

    // the app hash after block H is in header H+1, which may not exist yet right after the query
    private void awaitHeight(long h) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + HEADER_WAIT.toNanos();
        while (rpc.latestHeight() < h) {
            if (System.nanoTime() > deadline) {
                throw new IOException("height " + h + " not reached within " + HEADER_WAIT);
            }
            Thread.sleep(100);
        }
    }
}
