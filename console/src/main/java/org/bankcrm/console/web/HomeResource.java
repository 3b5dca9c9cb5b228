package org.bankcrm.console.web;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.bankcrm.console.access.Language;
import org.bankcrm.console.access.Page;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** The start page (the menu of the user's roles; a channel user goes straight to the search) and the language switch. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomeResource {
    private final Viewer viewer;
    private final Pages pages;
    private final Template home;

    public HomeResource(Viewer viewer, Pages pages, @Location("home.html") Template home) {
        this.viewer = viewer;
        this.pages = pages;
        this.home = home;
    }

    @GET
    public Response home() {
        viewer.user();
        if (viewer.may(Page.CUSTOMER_360)) {
            return Response.seeOther(URI.create(Page.CUSTOMER_360.path())).build();
        }
        return Response.ok(pages.page(home, "/")).build();
    }

    /** Switches the language; {@code back} must be a path of the console, never another site. */
    @POST
    @Path("language")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response language(@FormParam("lang") String lang, @FormParam("back") String back, @Context UriInfo uri) {
        String target = back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") ? back : "/";
        Response.ResponseBuilder answer = Response.seeOther(URI.create(target.replaceAll("[^A-Za-z0-9/_\\-?=&.%#]", "")));
        if (Language.isSupported(lang)) {
            answer.cookie(Session.languageCookie(lang, SignInResource.secure(uri)));
        }
        return answer.build();
    }
}
