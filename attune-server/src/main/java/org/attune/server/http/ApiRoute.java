package org.attune.server.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP route with everything said about it: who may call it, what it does, what it
 * takes and returns. Built with the fluent methods, then registered by {@link ApiServer}
 * and described by {@link OpenApiDocument}.
 */
public final class ApiRoute {
    final HandlerType method;
    final String path;
    Access access = Access.ADMIN;
    String tag = "";
    String summary = "";
    String description = "";
    final List<Param> params = new ArrayList<>();
    final Map<String, String> requestExamples = new LinkedHashMap<>();
    String requestSchemaRef;
    final Map<Integer, Response> responses = new LinkedHashMap<>();
    boolean cors;
    boolean browser;
    boolean rateLimited = true;
    Handler handler;

    /**
     * A path or query parameter.
     *
     * @param name parameter name
     * @param in {@code path} or {@code query}
     * @param type JSON Schema type: string, integer, number, boolean
     * @param required whether it must be given
     * @param description what it means, with its default
     */
    record Param(String name, String in, String type, boolean required, String description) {
    }

    /**
     * A documented response.
     *
     * @param description when it is returned
     * @param schemaRef name of the schema in components, or null
     * @param example an example body, or null
     * @param contentType media type of the body
     */
    record Response(String description, String schemaRef, String example, String contentType) {
    }

    private ApiRoute(HandlerType method, String path) {
        this.method = method;
        this.path = path;
    }

    public static ApiRoute get(String path) {
        return new ApiRoute(HandlerType.GET, path);
    }

    public static ApiRoute post(String path) {
        return new ApiRoute(HandlerType.POST, path);
    }

    public static ApiRoute put(String path) {
        return new ApiRoute(HandlerType.PUT, path);
    }

    public static ApiRoute patch(String path) {
        return new ApiRoute(HandlerType.PATCH, path);
    }

    public static ApiRoute delete(String path) {
        return new ApiRoute(HandlerType.DELETE, path);
    }

    public static ApiRoute options(String path) {
        return new ApiRoute(HandlerType.OPTIONS, path);
    }

    public ApiRoute access(Access value) {
        this.access = value;
        return this;
    }

    public ApiRoute tag(String value) {
        this.tag = value;
        return this;
    }

    public ApiRoute summary(String value) {
        this.summary = value;
        return this;
    }

    public ApiRoute description(String value) {
        this.description = value;
        return this;
    }

    public ApiRoute pathParam(String name, String description) {
        params.add(new Param(name, "path", "string", true, description));
        return this;
    }

    public ApiRoute queryParam(String name, String type, String description) {
        params.add(new Param(name, "query", type, false, description));
        return this;
    }

    /** Documents the request body: a schema in components and an example per media type. */
    public ApiRoute body(String schemaRef, String contentType, String example) {
        this.requestSchemaRef = schemaRef;
        requestExamples.put(contentType, example);
        return this;
    }

    public ApiRoute bodyExample(String contentType, String example) {
        requestExamples.put(contentType, example);
        return this;
    }

    public ApiRoute response(int status, String description) {
        responses.put(status, new Response(description, null, null, "application/json"));
        return this;
    }

    public ApiRoute response(int status, String description, String schemaRef, String example) {
        responses.put(status, new Response(description, schemaRef, example, "application/json"));
        return this;
    }

    public ApiRoute textResponse(int status, String description, String contentType) {
        responses.put(status, new Response(description, null, null, contentType));
        return this;
    }

    /** Adds CORS headers so that web pages on other origins may call the route. */
    public ApiRoute cors() {
        this.cors = true;
        return this;
    }

    /**
     * Lets browser keys call the route too (from their origins, for their catalogs, which the
     * handler checks through {@link BrowserKeys}), and web pages on other origins (CORS).
     */
    public ApiRoute browser() {
        this.browser = true;
        this.cors = true;
        return this;
    }

    /**
     * Exempts the route from the request rates of {@link ClientLimits}, for a cheap route that
     * monitoring must reach while clients are being refused (the connection caps still hold).
     */
    public ApiRoute notRateLimited() {
        this.rateLimited = false;
        return this;
    }

    public ApiRoute handle(Handler value) {
        this.handler = value;
        return this;
    }

    public HandlerType method() {
        return method;
    }

    public String path() {
        return path;
    }
}
