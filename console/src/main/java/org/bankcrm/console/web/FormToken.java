package org.bankcrm.console.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider;

/**
 * The CSRF token every form carries ({@code templates/tags/csrf.html}): quarkus-rest-csrf's, or none on a page its
 * filter did not see (an address that is nothing, the refusal itself), where the form is then refused rather than the
 * page failing to render.
 */
@RequestScoped
@Named("formToken")
public class FormToken {
    private final CsrfTokenParameterProvider csrf;

    public FormToken(CsrfTokenParameterProvider csrf) {
        this.csrf = csrf;
    }

    /** The form field's name ({@code quarkus.rest-csrf.form-field-name}). */
    public String name() {
        return csrf.getParameterName();
    }

    public String value() {
        try {
            return csrf.getToken();
        } catch (IllegalStateException e) {
            return null;
        }
    }
}
