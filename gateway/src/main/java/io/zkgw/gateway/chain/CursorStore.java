package io.zkgw.gateway.chain;

import io.zkgw.gateway.db.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/** The persisted ledger cursors (chain_cursor): the height up to which a feed has taken everything in. */
@ApplicationScoped
public class CursorStore {
    @Inject
    Session session;

    @Transactional
    public long get(String name) {
        ChainCursorEntity c = session.find(ChainCursorEntity.class, name);
        return c == null ? 0 : c.height;
    }

    /** Moves the cursor forward (never back: a slower, older catch-up cannot undo a newer one). */
    @Transactional
    public void advance(String name, long height) {
        ChainCursorEntity c = session.find(ChainCursorEntity.class, name);
        if (c == null) {
            c = new ChainCursorEntity();
            c.name = name;
            c.height = height;
            c.updatedAt = Timestamps.now();
            session.persist(c);
        } else if (height > c.height) {
            c.height = height;
            c.updatedAt = Timestamps.now();
        }
    }
}
