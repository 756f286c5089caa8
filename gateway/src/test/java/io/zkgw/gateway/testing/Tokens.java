package io.zkgw.gateway.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the test Keycloak (password grant for the test users; cached per user). */
public final class Tokens {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {}

    /** A token for the user holding {@code role} ("none" for the user without gateway roles). */
    public static String forRole(String role) {
        String user = KeycloakTestResource.USER_BY_ROLE.get(role);
        if (user == null) {
            throw new IllegalArgumentException("no test user for role " + role);
        }
        return CACHE.computeIfAbsent(user, Tokens::fetch);
    }

    private static String fetch(String user) {
        return given().baseUri(KeycloakTestResource.baseUrl)
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("client_id", KeycloakTestResource.CLIENT_ID)
                .formParam("client_secret", KeycloakTestResource.clientSecret)
                .formParam("username", user).formParam("password", KeycloakTestResource.PASSWORDS.get(user))
                .formParam("scope", "openid")
                .when().post("/realms/" + KeycloakTestResource.REALM + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
