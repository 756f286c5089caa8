package io.zkgw.gateway.chain;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** The ledger when none is configured: every call says so. Replaced by the chain client's bean. */
@DefaultBean
@ApplicationScoped
public class NoLedger implements Ledger {
    @Override
    public boolean configured() {
        return false;
    }

    @Override
    public SignedTx fulfil(String requestId, byte[] maskedOutput, byte[] proof) {
        throw new IllegalStateException("no ledger configured (zkgw.chain.rpc-url)");
    }

    @Override
    public SignedTx reject(String requestId, int reasonCode) {
        throw new IllegalStateException("no ledger configured (zkgw.chain.rpc-url)");
    }

    @Override
    public void broadcast(SignedTx tx) {
        throw new IllegalStateException("no ledger configured (zkgw.chain.rpc-url)");
    }

    @Override
    public TxStatus status(String txHash) {
        throw new IllegalStateException("no ledger configured (zkgw.chain.rpc-url)");
    }
}
