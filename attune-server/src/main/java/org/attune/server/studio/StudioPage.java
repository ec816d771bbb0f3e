package org.attune.server.studio;

import java.util.List;
import org.attune.server.http.ApiRoute;

/** One page of the studio (or a few that belong together): its routes, each wrapped by {@link Studio#signedIn}. */
public interface StudioPage {
    List<ApiRoute> routes(Studio studio);
}
