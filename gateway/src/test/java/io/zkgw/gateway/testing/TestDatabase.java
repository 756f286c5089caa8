package io.zkgw.gateway.testing;

/** The PostgreSQL the tests use, from the environment that .ci/steps/20-postgres.sh exports. */
public final class TestDatabase {
    private TestDatabase() {}

    public static String url() {
        return env("ZKGW_TEST_PG_URL");
    }

    public static String user() {
        return env("ZKGW_TEST_PG_USER");
    }

    public static String password() {
        return env("ZKGW_TEST_PG_PASSWORD");
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: the gateway tests need a real PostgreSQL; run "
                    + "`source .ci/steps/20-postgres.sh` first (it installs, starts and exports it)");
        }
        return v;
    }
}
