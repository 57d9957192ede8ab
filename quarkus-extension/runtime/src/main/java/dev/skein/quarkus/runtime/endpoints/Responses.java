package dev.skein.quarkus.runtime.endpoints;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** How the diagnostics endpoints answer: the format asked for, and a bound on the size of what they send. */
final class Responses {

    /** The most characters an endpoint sends; a text beyond it is cut, saying so. */
    static final int MAX_CHARS = 4_000_000;

    private Responses() {
    }

    /**
     * {@return whether the caller wants text: {@code ?format=text} (or {@code json}) decides, else an
     * {@code Accept} header naming {@code text/plain} and not {@code application/json}} Null when
     * {@code ?format} is neither; the caller has been answered 400 then.
     */
    static Boolean wantsText(RoutingContext ctx) {
        String format = ctx.request().getParam("format");
        if (format != null) {
            if (format.equals("text") || format.equals("json")) {
                return format.equals("text");
            }
            ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
                    .end("format must be text or json\n");
            return null;
        }
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/plain") && !accept.contains("application/json");
    }

    static void json(RoutingContext ctx, String json) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8").end(json);
    }

    static void text(RoutingContext ctx, String text) {
        String bounded = text.length() <= MAX_CHARS ? text
                : text.substring(0, MAX_CHARS) + "\n...(cut: " + (text.length() - MAX_CHARS) + " more characters)\n";
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8").end(bounded);
    }
}
