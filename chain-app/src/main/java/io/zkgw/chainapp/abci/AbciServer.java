package io.zkgw.chainapp.abci;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tendermint.abci.Types.Request;
import tendermint.abci.Types.Response;
import tendermint.abci.Types.ResponseEcho;
import tendermint.abci.Types.ResponseException;
import tendermint.abci.Types.ResponseFlush;

/**
 * An ABCI 2.0 socket server for CometBFT v0.38: accepts CometBFT's connections (consensus, mempool,
 * query, snapshot — each is just a connection to us) on TCP ({@code tcp://host:port}) or a unix socket
 * ({@code unix:///path}), reads varint-length-prefixed {@code tendermint.abci.Request} frames, and answers
 * each one, in order, on the connection it came on. One virtual thread per connection.
 *
 * <p>Responses are buffered and written out when the client sends Flush (as CometBFT's client does
 * whenever it waits for answers) or when no further request is already buffered.
 */
public final class AbciServer implements AutoCloseable {
    /** CometBFT accepts frames up to 2 GiB; we accept requests up to this size. */
    public static final int MAX_REQUEST_BYTES = 256 << 20;

    private static final System.Logger LOG = System.getLogger(AbciServer.class.getName());

    private final AbciApplication app;
    private final ServerSocketChannel server;
    private final SocketAddress boundAddress;
    private final Path unixPath;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionCounter = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    private AbciServer(AbciApplication app, ServerSocketChannel server, Path unixPath) throws IOException {
        this.app = app;
        this.server = server;
        this.boundAddress = server.getLocalAddress();
        this.unixPath = unixPath;
        this.acceptor = Thread.ofVirtual().name("abci-accept").unstarted(this::acceptLoop);
    }

    /**
     * Starts serving {@code app} on {@code address}: {@code tcp://127.0.0.1:26658}, {@code 127.0.0.1:0}
     * (any free port; see {@link #port()}) or {@code unix:///path/to/socket}.
     */
    public static AbciServer start(AbciApplication app, String address) throws IOException {
        ServerSocketChannel ch;
        Path unix = null;
        if (address.startsWith("unix://")) {
            unix = Path.of(address.substring("unix://".length()));
            Files.deleteIfExists(unix);
            ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            ch.bind(UnixDomainSocketAddress.of(unix));
        } else {
            String hostPort = address.startsWith("tcp://") ? address.substring("tcp://".length()) : address;
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected host:port, got " + address);
            }
            String host = hostPort.substring(0, colon);
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            ch = ServerSocketChannel.open();
            ch.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true); // rebind after a restart
            ch.bind(new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port), 16);
        }
        AbciServer s = new AbciServer(app, ch, unix);
        s.acceptor.start();
        return s;
    }

    /** The bound TCP port (or -1 for a unix socket). */
    public int port() {
        return boundAddress instanceof InetSocketAddress isa ? isa.getPort() : -1;
    }

    /** The address to put in CometBFT's {@code proxy_app} setting. */
    public String proxyAppAddress() {
        if (boundAddress instanceof InetSocketAddress isa) {
            return "tcp://" + isa.getAddress().getHostAddress() + ":" + isa.getPort();
        }
        return "unix://" + unixPath;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel conn;
            try {
                conn = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "accept failed", e);
                }
                return;
            }
            if (closed) {
                closeQuietly(conn);
                return;
            }
            long id = connectionCounter.incrementAndGet();
            connections.add(conn);
            Thread t = Thread.ofVirtual().name("abci-conn-" + id).unstarted(() -> serve(conn, id));
            threads.add(t);
            t.start();
        }
    }

    private void serve(SocketChannel conn, long id) {
        try (conn) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(conn), 1 << 16);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(conn), 1 << 16);
            while (!closed) {
                byte[] frame = AbciFraming.readFrame(in, MAX_REQUEST_BYTES);
                if (frame == null) {
                    break; // CometBFT closed the connection
                }
                Request req = Request.parseFrom(frame);
                Response res = handle(req);
                AbciFraming.writeFrame(out, res.toByteArray());
                if (req.getValueCase() == Request.ValueCase.FLUSH || in.available() == 0) {
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException e) {
            if (!closed) {
                LOG.log(Level.INFO, "ABCI connection " + id + " ended: " + e);
            }
        } finally {
            connections.remove(conn);
            threads.remove(Thread.currentThread());
        }
    }

    /** Dispatches one request; never throws (an application failure becomes a ResponseException). */
    Response handle(Request req) {
        try {
            Response.Builder r = Response.newBuilder();
            switch (req.getValueCase()) {
                case ECHO -> r.setEcho(ResponseEcho.newBuilder().setMessage(req.getEcho().getMessage()));
                case FLUSH -> r.setFlush(ResponseFlush.getDefaultInstance());
                case INFO -> r.setInfo(app.info(req.getInfo()));
                case INIT_CHAIN -> r.setInitChain(app.initChain(req.getInitChain()));
                case QUERY -> r.setQuery(app.query(req.getQuery()));
                case CHECK_TX -> r.setCheckTx(app.checkTx(req.getCheckTx()));
                case COMMIT -> r.setCommit(app.commit());
                case LIST_SNAPSHOTS -> r.setListSnapshots(app.listSnapshots());
                case OFFER_SNAPSHOT -> r.setOfferSnapshot(app.offerSnapshot(req.getOfferSnapshot()));
                case LOAD_SNAPSHOT_CHUNK -> r.setLoadSnapshotChunk(app.loadSnapshotChunk(req.getLoadSnapshotChunk()));
                case APPLY_SNAPSHOT_CHUNK -> r.setApplySnapshotChunk(app.applySnapshotChunk(req.getApplySnapshotChunk()));
                case PREPARE_PROPOSAL -> r.setPrepareProposal(app.prepareProposal(req.getPrepareProposal()));
                case PROCESS_PROPOSAL -> r.setProcessProposal(app.processProposal(req.getProcessProposal()));
                case EXTEND_VOTE -> r.setExtendVote(app.extendVote(req.getExtendVote()));
                case VERIFY_VOTE_EXTENSION -> r.setVerifyVoteExtension(app.verifyVoteExtension(req.getVerifyVoteExtension()));
                case FINALIZE_BLOCK -> r.setFinalizeBlock(app.finalizeBlock(req.getFinalizeBlock()));
                case VALUE_NOT_SET -> r.setException(ResponseException.newBuilder().setError("empty ABCI request"));
            }
            return r.build();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "ABCI " + req.getValueCase() + " failed", e);
            String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
            return Response.newBuilder().setException(ResponseException.newBuilder().setError(msg)).build();
        }
    }

    /** Stops accepting, closes every connection and waits (bounded) for the connection threads to end. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (SocketChannel c : connections) {
            closeQuietly(c);
        }
        try {
            acceptor.join(Duration.ofSeconds(5));
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (unixPath != null) {
            try {
                Files.deleteIfExists(unixPath);
            } catch (IOException e) {
                // best effort
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
