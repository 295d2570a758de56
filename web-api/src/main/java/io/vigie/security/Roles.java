package io.vigie.security;

import java.util.Set;

/** Vigie's realm roles, as Keycloak puts them in {@code realm_access.roles}. */
public final class Roles {

    public static final String RADIOLOGIST = "radiologist";
    public static final String RESEARCHER = "researcher";
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(RADIOLOGIST, RESEARCHER, ADMIN);

    private Roles() {
    }
}
