package org.bankcrm.console.access;

import java.util.List;
import java.util.Set;

/**
 * The console's pages and the roles that may open them. A page not built yet stays in the menu as "coming" for the
 * roles it is meant for, so the menu already reads as it will once the CX monitor and the analytical CRM land.
 */
public enum Page {
    CUSTOMER_360("/clients", true, Role.CHANNEL),
    CX_MONITOR("/cx", false, Role.ANALYST),
    ANALYTICS("/analytics", true, Role.ANALYST, Role.MARKETING),
    OFFER_CATALOGUE("/offers", false, Role.MARKETING);

    private final String path;
    private final boolean built;
    private final List<Role> roles;

    Page(String path, boolean built, Role... roles) {
        this.path = path;
        this.built = built;
        this.roles = List.of(roles);
    }

    public String path() {
        return path;
    }

    public boolean built() {
        return built;
    }

    public List<Role> roles() {
        return roles;
    }

    /** Message key of the page's name: {@code pageCustomer360}, {@code pageCxMonitor}, ... */
    public String messageKey() {
        String[] words = name().toLowerCase().split("_");
        StringBuilder key = new StringBuilder("page");
        for (int i = 0; i < words.length; i++) {
            key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return key.toString();
    }

    /** True when one of the viewer's roles may open the page. */
    public boolean allows(Set<Role> viewerRoles) {
        return roles.stream().anyMatch(viewerRoles::contains);
    }

    /** The pages of the viewer's menu, in menu order. */
    public static List<Page> menuFor(Set<Role> viewerRoles) {
        return java.util.Arrays.stream(values()).filter(p -> p.allows(viewerRoles)).toList();
    }
}
