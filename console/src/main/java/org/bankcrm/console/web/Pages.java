package org.bankcrm.console.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;

import org.bankcrm.console.access.Page;
import org.bankcrm.console.access.Role;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/** Every page gets the same frame data: the texts of the viewer's language, the menu of the viewer's roles, who it is. */
@RequestScoped
@io.quarkus.qute.TemplateData(target = Pages.MenuItem.class)
public class Pages {
    private final Viewer viewer;
    private final DevSignIn devSignIn;

    public Pages(Viewer viewer, DevSignIn devSignIn) {
        this.viewer = viewer;
        this.devSignIn = devSignIn;
    }

    public TemplateInstance page(Template template, String path) {
        return template.instance()
                .data("t", viewer.texts())
                .data("lang", viewer.language())
                .data("user", viewer.signedIn().orElse(null))
                .data("menu", menu(path))
                .data("path", path)
                .data("devSignIn", devSignIn.enabled())
                .setLocale(Locale.forLanguageTag(viewer.language()));
    }

    /** The menu of the viewer's roles; the entry of the page shown is marked current. */
    private List<MenuItem> menu(String path) {
        Map<String, String> texts = viewer.texts();
        return viewer.signedIn().map(s -> Page.menuFor(s.roles())).orElse(List.of()).stream()
                .map(p -> new MenuItem(p.path(), texts.getOrDefault(p.messageKey(), p.name()),
                        path != null && path.startsWith(p.path())))
                .toList();
    }

    /** Role options of the development sign-in: the claim and its text. */
    public List<MenuItem> roleOptions() {
        Map<String, String> texts = viewer.texts();
        return java.util.Arrays.stream(Role.values()).map(r -> new MenuItem(r.claim(),
                texts.getOrDefault("role" + Character.toUpperCase(r.claim().charAt(0)) + r.claim().substring(1), r.claim()),
                r == Role.CHANNEL)).toList();
    }

    public record MenuItem(String path, String label, boolean current) {
    }

    public Response status(int status, TemplateInstance page) {
        return Response.status(status).entity(page).type("text/html;charset=UTF-8").build();
    }
}
