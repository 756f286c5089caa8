package io.zkgw.gateway.dataset;

/**
 * A row whose commitment goes on the ledger in one transaction (provider key, dataset, model): the
 * publication fields every such row has, so the publisher treats them alike.
 */
public interface Publishable {
    /** Records the signed transaction (stored before its first broadcast) and the ledger id it creates; SUBMITTED. */
    void signed(byte[] txBytes, String txHash, byte[] chainId);

    /** The transaction is in a block with code 0; COMMITTED. */
    void committed();

    /** Clears the transaction: {@code to} REGISTERED (sign anew) or REFUSED, with the ledger's code. */
    void failed(String code, CommitmentStatus to);
}
