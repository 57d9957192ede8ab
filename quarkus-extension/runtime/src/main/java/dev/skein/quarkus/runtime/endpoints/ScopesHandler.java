package dev.skein.quarkus.runtime.endpoints;

import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /q/skein/scopes}: the live tree of scopes and branches, as the core dumps it (JSON by default,
 * indented text with {@code ?format=text} or {@code Accept: text/plain}). The oldest {@value #MOST_ROOTS} root
 * scopes are shown; header {@value #OMITTED} counts the others. A JSON dump larger than
 * {@link Responses#MAX_CHARS} drops root scopes from the newest until it fits (counted in that header too).
 */
public class ScopesHandler implements Handler<RoutingContext> {

    static final int MOST_ROOTS = 500;
    static final String OMITTED = "X-Skein-Omitted-Scopes";

    @Override
    public void handle(RoutingContext ctx) {
        Boolean text = Responses.wantsText(ctx);
        if (text == null) {
            return;
        }
        List<ScopeSnapshot> all = Diagnostics.snapshot();
        List<ScopeSnapshot> shown = all.subList(0, Math.min(all.size(), MOST_ROOTS));
        if (text) {
            omitted(ctx, all.size() - shown.size());
            Responses.text(ctx, Diagnostics.toText(shown));
            return;
        }
        String json = Diagnostics.toJson(shown);
        while (json.length() > Responses.MAX_CHARS && !shown.isEmpty()) {
            shown = shown.subList(0, shown.size() / 2);
            json = Diagnostics.toJson(shown);
        }
        omitted(ctx, all.size() - shown.size());
        Responses.json(ctx, json);
    }

    private static void omitted(RoutingContext ctx, int omitted) {
        if (omitted > 0) {
            ctx.response().putHeader(OMITTED, Integer.toString(omitted));
        }
    }
}
