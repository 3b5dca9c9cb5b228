package org.bankcrm.console.access;

import java.util.List;
import java.util.Set;

/** The console's pages and the roles that may open them, in menu order. */
public enum Page {
    CUSTOMER_360("/clients", Role.CHANNEL),
    CX_MONITOR("/cx", Role.ANALYST),
    ANALYTICS("/analytics", Role.ANALYST, Role.MARKETING),
    OFFER_CATALOGUE("/offers", Role.MARKETING, Role.ANALYST);

    private final String path;
    private final List<Role> roles;

    Page(String path, Role... roles) {
        this.path = path;
        this.roles = List.of(roles);
    }

    public String path() {
        return path;
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
