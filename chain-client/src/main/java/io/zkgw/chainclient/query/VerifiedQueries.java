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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Chain data checked by the light client: a transaction with its result proven to be in a verified
 * block, and state reads proven against a verified app hash. Trusts nothing the node says except what
 * the proofs and signatures establish. The clock is the caller's (the rules themselves take the time as
 * an argument).
 */
public final class VerifiedQueries {
    private static final Duration HEADER_WAIT = Duration.ofSeconds(30);
    /** abci_query calls {@link #readAll} has in flight at once: enough to hide round trips, gentle on the node. */
    public static final int READ_CONCURRENCY = 4;

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

    /** The txs of a block as the verified header commits to them. */
    public record VerifiedBlockTxs(List<ByteString> txs, Header header) {
        public VerifiedBlockTxs {
            txs = List.copyOf(txs);
        }
    }

    /**
     * The txs of the block at {@code height}, verified: the header by the light client, the txs against its
     * data_hash ({@link Proofs#verifyBlockTxs}). Needs no tx index on the node, only the block.
     */
    public VerifiedBlockTxs blockTxs(long height) throws VerificationException, IOException, InterruptedException {
        List<ByteString> txs = rpc.blockTxs(height);
        Header h = light.verifyTo(height, clock.instant()).header();
        Proofs.verifyBlockTxs(h, txs);
        return new VerifiedBlockTxs(txs, h);
    }

    /** Reads {@code path}/{@code data} with prove=true and verifies the answer against header height + 1. */
    public VerifiedValue read(LedgerPaths path, byte[] data)
            throws VerificationException, QueryFailedException, IOException, InterruptedException {
        return verify(path.stateKey(data), query(path, data));
    }

    /** The node's answer to a prove=true query, not yet verified; a failed query is an error. */
    private StateProof query(LedgerPaths path, byte[] data) throws QueryFailedException, IOException, InterruptedException {
        AbciQueryResult r = rpc.abciQuery(path.path(), data, 0, true);
        if (!r.ok()) {
            throw new QueryFailedException(path.path(), r.code(), r.codespace(), r.log());
        }
        return r.toStateProof();
    }

    /**
     * {@link #read} for many keys at once, answers in the order of {@code data}. The queries run
     * concurrently ({@link #READ_CONCURRENCY} at a time); each answer is checked against the header of
     * its own height + 1, exactly as {@link #read} does, but each such header is verified once for the
     * whole group (the answers mostly share one or two heights), and the wait for the next block is paid
     * once. Any failed query or proof fails the whole call.
     */
    public List<VerifiedValue> readAll(LedgerPaths path, List<byte[]> data)
            throws VerificationException, QueryFailedException, IOException, InterruptedException {
        List<StateProof> proofs = queryAll(path, data);
        TreeMap<Long, Header> headers = new TreeMap<>();
        for (StateProof p : proofs) {
            headers.put(p.height() + 1, null);
        }
        if (headers.isEmpty()) {
            return List.of();
        }
        awaitHeight(headers.lastKey());
        // ascending: each skip starts from the one below, already trusted
        for (long h : headers.keySet()) {
            headers.put(h, light.verifyTo(h, clock.instant()).header());
        }
        List<VerifiedValue> out = new ArrayList<>(proofs.size());
        for (int i = 0; i < proofs.size(); i++) {
            StateProof p = proofs.get(i);
            byte[] key = path.stateKey(data.get(i));
            Header next = headers.get(p.height() + 1);
            out.add(new VerifiedValue(key, Proofs.verifyState(next, key, p), p.height(), next));
        }
        return out;
    }

    private List<StateProof> queryAll(LedgerPaths path, List<byte[]> data)
            throws QueryFailedException, IOException, InterruptedException {
        Semaphore inFlight = new Semaphore(READ_CONCURRENCY);
        List<Future<StateProof>> answers = new ArrayList<>(data.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (byte[] d : data) {
                byte[] copy = d.clone();
                answers.add(threads.submit(() -> {
                    inFlight.acquire();
                    try {
                        return query(path, copy);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            List<StateProof> proofs = new ArrayList<>(data.size());
            try {
                for (Future<StateProof> f : answers) {
                    proofs.add(await(f));
                }
            } catch (QueryFailedException | IOException | InterruptedException | RuntimeException e) {
                // the first failure decides: stop the rest rather than wait for them in close()
                answers.forEach(f -> f.cancel(true));
                throw e;
            }
            return proofs;
        }
    }

    private static StateProof await(Future<StateProof> f) throws QueryFailedException, IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case QueryFailedException q -> throw q;
                case IOException io -> throw io;
                case InterruptedException ie -> throw ie;
                case RuntimeException re -> throw re;
                default -> throw new IOException(e.getCause());
            }
        }
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
