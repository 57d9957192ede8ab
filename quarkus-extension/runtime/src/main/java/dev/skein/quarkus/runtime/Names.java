package dev.skein.quarkus.runtime;

import dev.skein.internal.Text;
import java.util.ArrayList;
import java.util.List;

/** User-given names listed in a message: each bounded by {@link Text#name}, at most {@value #MOST} of them. */
public final class Names {

    /** The most names a message lists. */
    public static final int MOST = 20;

    private Names() {
    }

    /** {@return {@code names} quoted, in their order, as {@code ['a', 'b', ... (n more)]}} */
    public static String list(Iterable<String> names) {
        List<String> shown = new ArrayList<>();
        int more = 0;
        for (String n : names) {
            if (shown.size() < MOST) {
                shown.add("'" + Text.name(n) + "'");
            } else {
                more++;
            }
        }
        if (more > 0) {
            shown.add("... (" + more + " more)");
        }
        return shown.toString();
    }
}
