package io.mooring.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** Where each provider puts roles and projects, read the way the services read a verified token. */
class ClaimPathTest {

    @Test
    void keycloakRealmRolesAreReadFromTheNestedRealmAccessClaim() throws Exception {
        JsonWebToken token = token("""
                {"sub":"kim","realm_access":{"roles":["offline_access","uma_authorization","mooring-admin"]},
                 "resource_access":{"account":{"roles":["manage-account"]}}}""");
        assertThat(ClaimPath.names(token, "realm_access/roles"))
                .containsExactly("offline_access", "uma_authorization", "mooring-admin");
    }

    @Test
    void entraIdAppRolesAreReadFromTheTopLevelRolesClaim() throws Exception {
        JsonWebToken token = token("""
                {"sub":"olivia","roles":["Mooring.Operator"],"groups":["0b5c9f5e-3c4d-4e1a-9a57-1f7d2d3c8e11"]}""");
        assertThat(ClaimPath.names(token, "roles")).containsExactly("Mooring.Operator");
    }

    @Test
    void oktaGroupsAreReadFromTheGroupsClaim() throws Exception {
        JsonWebToken token = token("""
                {"sub":"gus","groups":["Everyone","mooring-viewer"]}""");
        assertThat(ClaimPath.names(token, "groups")).containsExactly("Everyone", "mooring-viewer");
    }

    @Test
    void aSingleStringClaimReadsAsOneName() throws Exception {
        JsonWebToken token = token("""
                {"sub":"sam","mooring":{"projects":"blue"}}""");
        assertThat(ClaimPath.names(token, "mooring/projects")).containsExactly("blue");
    }

    @Test
    void aMissingOrMisshapenClaimReadsAsNoNamesRatherThanAnError() throws Exception {
        JsonWebToken token = token("""
                {"sub":"ned","realm_access":{"roles":[1,{"name":"admin"},true]},"projects":{"blue":true}}""");
        assertThat(ClaimPath.names(token, "realm_access/roles")).isEmpty();
        assertThat(ClaimPath.names(token, "realm_access/roles/extra")).isEmpty();
        assertThat(ClaimPath.names(token, "projects")).isEmpty();
        assertThat(ClaimPath.names(token, "nowhere/to/be/found")).isEmpty();
    }

    private static JsonWebToken token(String claims) throws Exception {
        return new DefaultJWTCallerPrincipal(JwtClaims.parse(claims));
    }
}
