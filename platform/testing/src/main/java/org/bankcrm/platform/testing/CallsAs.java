package org.bankcrm.platform.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles a {@code @QuarkusTest} calls the service with: before each test, {@link CallsAsCallback} makes every
 * RestAssured request of the test carry a real bearer token ({@link TestTokens}) with these roles, unless the request
 * sets its own Authorization header. On a test method it overrides the class's. A test class without it sends no
 * token.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Inherited
public @interface CallsAs {
    String[] value();
}
