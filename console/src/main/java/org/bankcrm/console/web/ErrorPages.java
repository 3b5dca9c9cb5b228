package org.bankcrm.console.web;

import java.net.URI;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import org.bankcrm.console.services.ServiceProblem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * What a page answers when it cannot show what was asked: the sign-in page, a 403 page naming the roles, a 404 page, or
 * the service's problem as a readable message (a 401 from a service — token expired — signs the user out). Never a
 * stack trace; the log gets the status and the path template only.
 */
public class ErrorPages {
    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    private final Pages pages;
    private final Template forbidden;
    private final Template problem;

    public ErrorPages(Pages pages, @Location("forbidden.html") Template forbidden, @Location("problem.html") Template problem) {
        this.pages = pages;
        this.forbidden = forbidden;
        this.problem = problem;
    }

    @ServerExceptionMapper
    public Response notSignedIn(Viewer.NotSignedIn e) {
        return Response.seeOther(URI.create("/sign-in")).build();
    }

    @ServerExceptionMapper
    public Response forbidden(Access.Forbidden e) {
        return pages.status(403, pages.page(forbidden, "").data("required", e.page.roles()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return notFoundPage();
    }

    @ServerExceptionMapper
    public Response unknownPath(NotFoundException e) {
        return notFoundPage();
    }

    @ServerExceptionMapper
    public Response serviceProblem(ServiceProblem e) {
        if (e.status() == 401) {
            return Response.seeOther(URI.create("/sign-in?expired=true"))
                    .cookie(Session.sessionCookie("", 0, false)).build();
        }
        LOG.infof("a service answered %d %s", e.status(), e.title());
        int status = e.status() >= 500 ? 502 : e.status();
        return pages.status(status, pages.page(problem, "").data("problem", e).data("notFound", false));
    }

    /** Anything unforeseen: logged with its stack trace under an id, the page shows the id only. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(RuntimeException e) {
        String id = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s", id);
        return pages.status(500, pages.page(problem, "").data("notFound", false)
                .data("problem", new ServiceProblem(500, "Internal Server Error", "error id " + id, java.util.Map.of())));
    }

    private Response notFoundPage() {
        return pages.status(404, pages.page(problem, "").data("problem", null).data("notFound", true));
    }
}
