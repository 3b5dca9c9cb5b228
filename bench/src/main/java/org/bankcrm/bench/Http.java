package org.bankcrm.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** HTTP/1.1 calls to the services, asynchronous for the load and blocking for set-up; a non-2xx answer is an error. */
final class Http implements AutoCloseable {
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "http");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();

    private final String authorization;

    /** Calls carrying {@code bearerToken} (none when null). */
    Http(String bearerToken) {
        this.authorization = bearerToken == null ? null : "Bearer " + bearerToken;
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    /** A 2xx answer's body; anything else fails with the status. */
    CompletableFuture<String> postAsync(String url, String json) {
        HttpRequest request = request(url)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(Http::body);
    }

    String get(String url) throws IOException, InterruptedException {
        HttpRequest request = request(url).GET().build();
        return body(client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    int status(String url) throws IOException, InterruptedException {
        HttpRequest request = request(url).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String body(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new HttpStatusException(response.statusCode());
        }
        return response.body();
    }

    static final class HttpStatusException extends RuntimeException {
        HttpStatusException(int status) {
            super("HTTP " + status);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
