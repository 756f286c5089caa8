package io.zkgw.chainapp.abci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.zkgw.chainapp.app.ZkgwApplication;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tendermint.abci.Types.Request;
import tendermint.abci.Types.RequestEcho;
import tendermint.abci.Types.RequestFlush;
import tendermint.abci.Types.RequestInfo;
import tendermint.abci.Types.Response;

/** The socket server over a unix socket: pipelined requests answered in order, garbage closes only that connection. */
@Timeout(30)
class AbciServerTest {
    @TempDir
    Path dir;

    @Test
    void answersPipelinedRequestsInOrderAndSurvivesGarbage() throws Exception {
        Path sock = dir.resolve("abci.sock");
        try (ZkgwApplication app = new ZkgwApplication(dir.resolve("data"));
                AbciServer server = AbciServer.start(app, "unix://" + sock)) {
            assertEquals("unix://" + sock, server.proxyAppAddress());
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(sock));
                OutputStream out = Channels.newOutputStream(ch);
                InputStream in = new BufferedInputStream(Channels.newInputStream(ch));
                // many requests written before any answer is read, then a Flush
                for (int i = 0; i < 100; i++) {
                    AbciFraming.writeFrame(out, Request.newBuilder().setEcho(RequestEcho.newBuilder().setMessage("m" + i)).build().toByteArray());
                }
                AbciFraming.writeFrame(out, Request.newBuilder().setInfo(RequestInfo.getDefaultInstance()).build().toByteArray());
                AbciFraming.writeFrame(out, Request.newBuilder().setFlush(RequestFlush.getDefaultInstance()).build().toByteArray());
                for (int i = 0; i < 100; i++) {
                    Response r = Response.parseFrom(AbciFraming.readFrame(in, 1 << 20));
                    assertEquals("m" + i, r.getEcho().getMessage());
                }
                Response info = Response.parseFrom(AbciFraming.readFrame(in, 1 << 20));
                assertEquals(ZkgwApplication.APP_NAME, info.getInfo().getData());
                assertEquals(0, info.getInfo().getLastBlockHeight());
                assertEquals(Response.ValueCase.FLUSH, Response.parseFrom(AbciFraming.readFrame(in, 1 << 20)).getValueCase());
            }
            // a connection sending garbage is dropped ...
            try (SocketChannel bad = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                bad.connect(UnixDomainSocketAddress.of(sock));
                OutputStream out = Channels.newOutputStream(bad);
                out.write(new byte[] {5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
                out.flush();
                assertNull(readOrEnd(Channels.newInputStream(bad)));
            }
            // ... and the server still serves new ones
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(sock));
                AbciFraming.writeFrame(Channels.newOutputStream(ch),
                        Request.newBuilder().setEcho(RequestEcho.newBuilder().setMessage("still here")).build().toByteArray());
                Response r = Response.parseFrom(AbciFraming.readFrame(new BufferedInputStream(Channels.newInputStream(ch)), 1 << 20));
                assertEquals("still here", r.getEcho().getMessage());
            }
        }
    }

    private static byte[] readOrEnd(InputStream in) {
        try {
            return AbciFraming.readFrame(in, 1 << 20);
        } catch (IOException e) {
            return null;
        }
    }
}
