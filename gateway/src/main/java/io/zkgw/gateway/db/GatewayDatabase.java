package io.zkgw.gateway.db;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.hibernate.orm.PersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.hibernate.Session;

/**
 * Picks the one active persistence unit. Both exist at build time (Quarkus fixes a datasource's kind
 * when it builds), and the configuration activates one of them at start (embedded by default, PostgreSQL
 * with the "postgresql" profile), so one jar runs on the embedded database for the demo and on
 * PostgreSQL in production. Everything else injects the
 * unqualified {@link Session} produced here.
 */
@ApplicationScoped
public class GatewayDatabase {
    public static final String EMBEDDED = "embedded";
    public static final String POSTGRESQL = "postgresql";

    @Inject
    @PersistenceUnit(EMBEDDED)
    InjectableInstance<Session> embedded;

    @Inject
    @PersistenceUnit(POSTGRESQL)
    InjectableInstance<Session> postgresql;

    @Produces
    @ApplicationScoped
    Session session() {
        if (postgresql.getHandle().getBean().isActive()) {
            return postgresql.get();
        }
        if (embedded.getHandle().getBean().isActive()) {
            return embedded.get();
        }
        throw new IllegalStateException("no database is active: activate quarkus.datasource.embedded or .postgresql (see docs/operations.md)");
    }

    /** The name of the active database kind, for health output and SQL that differs between the two. */
    public String activeKind() {
        return postgresql.getHandle().getBean().isActive() ? POSTGRESQL : EMBEDDED;
    }
}
