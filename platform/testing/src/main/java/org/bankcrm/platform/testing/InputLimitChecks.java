package org.bankcrm.platform.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The platform's input limits as a service answers them over real HTTP, for a service's {@code @QuarkusTest}:
 * a body over {@code quarkus.http.limits.max-body-size} is a 413 problem+json, an unknown JSON field a 400
 * naming it, a page size over the maximum a 400 naming {@code size}.
 */
public final class InputLimitChecks {
    private InputLimitChecks() {
    }

    /** The configured request body limit in bytes. */
    public static long maxBodySize() {
        String size = ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", String.class);
        return new MemorySizeConverter().convert(size).asLongValue();
    }

    /**
     * Sends only the headers of a POST declaring one byte more than the limit: the service must answer
     * 413 problem+json from the declared length alone, before reading the body.
     */
    public static void assertOversizedBodyIsRejected(String path) {
        long limit = maxBodySize();
        String response;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (limit + 1) + "\r\n\r\n{\"id\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            response = readResponse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(response).contains("\"status\":413").contains("\"maxBodySize\":" + limit)
                .contains("\"instance\":\"" + path + "\"");
    }

    /** Adds {@code "<unknownField>": true} at the start of the JSON object and expects a 400 naming it. */
    public static void assertUnknownFieldIsRejected(String path, String validJsonObject, String unknownField) {
        String body = validJsonObject.replaceFirst("\\{", "{\"" + unknownField + "\": true, ");
        given().contentType(ContentType.JSON).body(body)
                .when().post(path)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo(unknownField))
                .body("violations[0].message", equalTo("is not a known field"));
    }

    /** {@code GET path?size=<max + 1>} is a 400 naming {@code size}; {@code size=<max>} is accepted. */
    public static void assertPageSizeIsLimited(String path, int max) {
        String separator = path.contains("?") ? "&" : "?";
        given().when().get(path + separator + "size=" + (max + 1))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("size"))
                .body("violations[0].message", equalTo("must be less than or equal to " + max));
        int status = given().when().get(path + separator + "size=" + max).then().extract().statusCode();
        assertThat(status).as("GET %s with size=%d", path, max).isNotEqualTo(400);
    }

    private static String readResponse(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            int headersEnd = text.indexOf("\r\n\r\n");
            if (headersEnd > 0 && text.charAt(text.length() - 1) == '}') {
                break;
            }
        }
        return text.toString();
    }
}
