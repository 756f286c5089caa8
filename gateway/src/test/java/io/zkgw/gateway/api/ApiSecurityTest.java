package io.zkgw.gateway.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.zkgw.gateway.testing.KeycloakTestResource;
import io.zkgw.gateway.testing.Tokens;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every admin endpoint against real Keycloak tokens: 401 without a token, 403 for each role that may
 * not use it, and for each role that may, an answer past security (2xx, or 400/404 from the endpoint
 * itself for the deliberately incomplete bodies used here).
 */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
class ApiSecurityTest {
    private static final String ADMIN = "hospital-admin";
    private static final String STEWARD = "data-steward";
    private static final String AUDITOR = "auditor";
    private static final List<String> ROLES = List.of(ADMIN, STEWARD, AUDITOR, "none");

    /** An endpoint, how to call it, and the roles allowed to. */
    record Endpoint(String method, String path, String body, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                new Endpoint("POST", "/api/datasets", "{\"name\":\"x\",\"path\":\"relative.csv\"}", Set.of(ADMIN, STEWARD)),
                new Endpoint("GET", "/api/datasets", null, Set.of(ADMIN, STEWARD, AUDITOR)),
                new Endpoint("GET", "/api/datasets/00000000-0000-0000-0000-000000000000", null, Set.of(ADMIN, STEWARD, AUDITOR)),
                new Endpoint("POST", "/api/models", "{\"name\":\"m\"}", Set.of(ADMIN)),
                new Endpoint("GET", "/api/models", null, Set.of(ADMIN, STEWARD, AUDITOR)),
                new Endpoint("GET", "/api/models/00000000-0000-0000-0000-000000000000", null, Set.of(ADMIN, STEWARD, AUDITOR)),
                new Endpoint("GET", "/api/commitments", null, Set.of(ADMIN, STEWARD, AUDITOR)),
                new Endpoint("GET", "/api/jobs", null, Set.of(ADMIN, AUDITOR)),
                new Endpoint("GET", "/api/jobs/00000000-0000-0000-0000-000000000000", null, Set.of(ADMIN, AUDITOR)),
                new Endpoint("GET", "/api/audit-log", null, Set.of(ADMIN, AUDITOR)),
                new Endpoint("GET", "/api/provider-key", null, Set.of(ADMIN, AUDITOR)),
                new Endpoint("POST", "/api/provider-key", null, Set.of(ADMIN))
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void rolesAreEnforced(Endpoint e) {
        assertEquals(401, call(given(), e), e + " without a token");
        assertEquals(401, call(given().auth().oauth2("not-a-token"), e), e + " with a garbage token");
        for (String role : ROLES) {
            int status = call(given().auth().oauth2(Tokens.forRole(role)), e);
            if (e.allowed().contains(role)) {
                assertTrue(status == 200 || status == 201 || status == 400 || status == 404 || status == 409,
                        e + " as " + role + " must pass security, got " + status);
            } else {
                assertEquals(403, status, e + " as " + role);
            }
        }
    }

    private static int call(RequestSpecification spec, Endpoint e) {
        if (e.body() != null) {
            spec = spec.contentType("application/json").body(e.body());
        }
        return spec.when().request(e.method(), e.path()).then().extract().statusCode();
    }

    @org.junit.jupiter.api.Test
    void openApiAndHealthAreServed() {
        String openapi = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String path : List.of("/api/datasets", "/api/models", "/api/commitments", "/api/jobs", "/api/audit-log", "/api/provider-key")) {
            assertTrue(openapi.contains("\"" + path + "\""), "OpenAPI lists " + path);
        }
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        String health = given().when().get("/q/health").then().statusCode(200).extract().asString();
        assertTrue(health.contains("\"prover\""), health);
        assertTrue(health.contains("\"chain\""), health);
        assertTrue(health.contains("postgresql"), "the database check names the active datasource: " + health);
        assertEquals(KeycloakTestResource.REALM, "zkgw");
    }
}
