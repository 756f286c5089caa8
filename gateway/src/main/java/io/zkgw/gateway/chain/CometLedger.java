package io.zkgw.gateway.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.zkgw.chainclient.light.LightClient;
import io.zkgw.chainclient.light.TrustAnchor;
import io.zkgw.chainclient.light.TrustOptions;
import io.zkgw.chainclient.light.VerificationException;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.query.VerifiedQueries;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.RpcException;
import io.zkgw.chainclient.rpc.RpcLightBlockProvider;
import io.zkgw.chainclient.tx.Messages;
import io.zkgw.chainclient.tx.TxBroadcaster;
import io.zkgw.chainclient.tx.TxRejectedException;
import io.zkgw.chainclient.tx.TxSigner;
import io.zkgw.envelope.KeyFileException;
import io.zkgw.envelope.KeyFiles;
import io.zkgw.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger through chain-client/: signs with the provider account's Ed25519 key
 * (zkgw.chain.signing-key-file), broadcasts over CometBFT JSON-RPC, and checks inclusion with the light
 * client anchored at zkgw.chain.trust-anchor (a transaction counts as committed only once its block
 * header and inclusion proof verify).
 */
@ApplicationScoped
public class CometLedger implements Ledger {
    @Inject
    GatewayConfig config;

    private volatile Client client;

    /** The parts, built on first use from the configuration. */
    private record Client(CometRpcClient rpc, TxSigner signer, TxBroadcaster broadcaster, LedgerQueries queries,
                          VerifiedQueries verified, AtomicLong nextSequence) {}

    @Override
    public boolean configured() {
        return config.chain().rpcUrl().filter(s -> !s.isBlank()).isPresent();
    }

    @Override
    public SignedTx fulfil(String requestId, byte[] maskedOutput, byte[] proof) {
        return sign(Messages.fulfillPrediction(id(requestId), ByteString.copyFrom(maskedOutput), ByteString.copyFrom(proof)));
    }

    @Override
    public SignedTx reject(String requestId, int reasonCode) {
        return sign(Messages.rejectRequest(id(requestId), reasonCode));
    }

    private SignedTx sign(io.zkgw.chainapp.proto.TxBody.Builder body) {
        Client c = client();
        try {
            long onChain = c.queries().account(c.signer().address()).sequence();
            long seq = c.nextSequence().updateAndGet(n -> Math.max(n, onChain));
            c.nextSequence().incrementAndGet();
            var tx = c.signer().sign(body, seq, config.chain().txFee());
            return new SignedTx(tx.bytes().toByteArray(), tx.hashHex());
        } catch (IOException | io.zkgw.chainclient.query.QueryFailedException e) {
            throw new ChainUnavailable("cannot read the provider account's sequence: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainUnavailable("interrupted", e);
        }
    }

    @Override
    public void broadcast(SignedTx tx) {
        Client c = client();
        try {
            c.broadcaster().submit(new io.zkgw.chainclient.tx.SignedTx(ByteString.copyFrom(tx.bytes())));
        } catch (TxRejectedException e) {
            String name = e.ledgerCode().map(Enum::name).orElse("code " + e.code());
            if ("WRONG_SEQUENCE".equals(name)) {
                c.nextSequence().set(0);
            }
            throw new Refused(name, e.getMessage());
        } catch (IOException e) {
            throw new ChainUnavailable("broadcast failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainUnavailable("interrupted", e);
        }
    }

    @Override
    public TxStatus status(String txHash) {
        Client c = client();
        ByteString hash = ByteString.copyFrom(HexFormat.of().parseHex(txHash));
        try {
            if (c.broadcaster().lookup(hash).isEmpty()) {
                return TxStatus.UNKNOWN;
            }
            var v = c.verified().tx(hash);
            return new TxStatus(true, v.tx().height(), v.tx().result().code());
        } catch (VerificationException e) {
            throw new ChainUnavailable("the node's answer about tx " + txHash + " does not verify: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ChainUnavailable("tx lookup failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainUnavailable("interrupted", e);
        }
    }

    private static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    private Client client() {
        Client c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = build();
                }
                c = client;
            }
        }
        return c;
    }

    private Client build() {
        if (!configured()) {
            throw new IllegalStateException("no ledger configured (zkgw.chain.rpc-url)");
        }
        String anchor = config.chain().trustAnchor().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "zkgw.chain.trust-anchor is required with a ledger: the light client verifies everything the node says from it"));
        CometRpcClient rpc = new CometRpcClient(URI.create(config.chain().rpcUrl().orElseThrow()));
        try {
            LightClient light = LightClient.fromAnchor(new RpcLightBlockProvider(rpc), TrustOptions.defaults(config.chain().chainId()),
                    TrustAnchor.parse(anchor), Instant.now());
            return new Client(rpc, new TxSigner(config.chain().chainId(), signingSeed(config.chain().signingKeyFile())),
                    new TxBroadcaster(rpc), new LedgerQueries(rpc), new VerifiedQueries(rpc, light, Clock.systemUTC()),
                    new AtomicLong());
        } catch (VerificationException e) {
            throw new IllegalStateException("the trust anchor " + anchor + " does not verify against the node: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ChainUnavailable("cannot reach the ledger at " + config.chain().rpcUrl().orElseThrow() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainUnavailable("interrupted", e);
        }
    }

    /** The Ed25519 seed of an envelope/ key file (validated by KeyFiles first: kind, lengths, derivation, mode). */
    static byte[] signingSeed(Path file) {
        try {
            KeyFiles.readSigning(file);
            JsonNode n = new ObjectMapper().readTree(Files.readString(file));
            return HexFormat.of().parseHex(n.get("private_key").asText());
        } catch (KeyFileException e) {
            throw new IllegalStateException("signing key unusable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read signing key file " + file + ": " + e.getMessage(), e);
        }
    }
}
