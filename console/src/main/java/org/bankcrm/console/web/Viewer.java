package org.bankcrm.console.web;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.bankcrm.console.access.Language;
import org.bankcrm.console.access.Page;
import org.bankcrm.console.access.Role;
import org.bankcrm.console.access.SignedIn;
import org.bankcrm.console.access.Texts;

/** The person at the screen for this request: who is signed in (if anyone) and in which language the pages speak. */
@RequestScoped
public class Viewer {
    private SignedIn signedIn;
    private String language = Language.DEFAULT;

    void signedIn(SignedIn signedIn) {
        this.signedIn = signedIn;
    }

    void language(String language) {
        this.language = language;
    }

    public Optional<SignedIn> signedIn() {
        return Optional.ofNullable(signedIn);
    }

    /** The signed-in user; a page that needs one answers with the sign-in page without. */
    public SignedIn user() {
        if (signedIn == null) {
            throw new NotSignedIn();
        }
        return signedIn;
    }

    public String bearer() {
        return "Bearer " + user().bearerToken();
    }

    public boolean may(Page page) {
        return signedIn != null && signedIn.may(page);
    }

    public boolean has(Role role) {
        return signedIn != null && signedIn.has(role);
    }

    public String language() {
        return language;
    }

    public Map<String, String> texts() {
        return Texts.of(language);
    }

    /** Thrown where a page needs a signed-in user and there is none: the answer is the sign-in page. */
    public static final class NotSignedIn extends RuntimeException {
        NotSignedIn() {
            super("not signed in", null, false, false);
        }
    }
}
