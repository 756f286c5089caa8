package io.zkgw.gateway.chain;

import io.zkgw.inference.card.ModelCard;

/** The public model card as it goes on the ledger (CommitModel.model_card). */
final class ModelCardBytes {
    private ModelCardBytes() {}

    static byte[] of(ModelCard card) {
        return new byte[0]; // filled in once the ledger carries the card
    }
}
