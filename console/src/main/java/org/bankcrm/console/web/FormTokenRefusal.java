package org.bankcrm.console.web;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * quarkus-rest-csrf refuses a form posted without the console's token, or with another one than its cookie's, with an
 * empty 400 before any page runs: this turns that answer into a page that says so (403: nothing was changed; reload
 * and try again). The console's own 400s always carry a page, so an empty one to a POST is the token check's.
 */
public class FormTokenRefusal {
    private static final Logger LOG = Logger.getLogger(FormTokenRefusal.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final Pages pages;
    private final Template refused;

    public FormTokenRefusal(Pages pages, @Location("refused.html") Template refused) {
        this.pages = pages;
        this.refused = refused;
    }

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 400 || response.hasEntity() || SAFE.contains(request.getMethod())) {
            return;
        }
        LOG.infof("a %s without a valid form token refused", request.getMethod());
        response.setStatus(403);
        response.setEntity(pages.page(refused, "").render(), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }
}
