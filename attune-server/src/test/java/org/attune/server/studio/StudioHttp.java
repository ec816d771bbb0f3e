package org.attune.server.studio;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A signed-in studio session over plain HTTP, without a browser: for timing pages. Changes
 * carry the session's CSRF token as the form field {@code _csrf}; redirects are not followed.
 */
final class StudioHttp {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String baseUrl;
    private String cookie;
    private String csrf;

    private StudioHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    static StudioHttp signIn(String baseUrl, String name, String password) throws IOException, InterruptedException {
        StudioHttp studio = new StudioHttp(baseUrl);
        HttpResponse<String> page = studio.http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/studio/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String loginCookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String loginToken = page.body().replaceAll("(?s).*name=\"_login\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> signedIn = studio.http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/studio/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", loginCookie)
                .POST(HttpRequest.BodyPublishers.ofString("_login=" + loginToken + "&name=" + encode(name)
                        + "&password=" + encode(password))).build(), HttpResponse.BodyHandlers.ofString());
        studio.cookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(StudioSessions.COOKIE + "=")).findFirst().orElseThrow().split(";")[0];
        studio.csrf = studio.body("GET", "/studio", null)
                .replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        return studio;
    }

    /** The status of a GET, or of a POST of the form fields given (URL-encoded, without the token). */
    int send(String method, String path, String form) throws IOException, InterruptedException {
        return request(method, path, form).statusCode();
    }

    String body(String method, String path, String form) throws IOException, InterruptedException {
        return request(method, path, form).body();
    }

    private HttpResponse<String> request(String method, String path, String form)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Cookie", cookie);
        if (method.equals("POST")) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encode(csrf) + (form == null ? "" : "&"
                            + form)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
