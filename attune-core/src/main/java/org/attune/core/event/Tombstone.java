package org.attune.core.event;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.json.Json;

/**
 * The log record of a privacy request: "forget the person with these ids". It is written
 * to the event log like an event (type {@value #TYPE}, which no sender can use: event
 * types allow no '$'), so that it takes effect at its place in the log order. Every
 * reader of the log honours it: live profiles drop the person, the queryable event store
 * deletes the person's earlier events, and a replay after a restart forgets the person
 * again at the same point. Events that arrive later under one of the ids start a new
 * person.
 */
public final class Tombstone {
    /** The event type of tombstones. */
    public static final String TYPE = "$forget";

    private Tombstone() {
    }

    /** A tombstone for a person with these ids (user id and anonymous ids), made at {@code now}. */
    public static Event of(List<String> ids, long now) {
        ObjectNode properties = Json.MAPPER.createObjectNode();
        ArrayNode list = properties.putArray("ids");
        ids.forEach(list::add);
        return new Event(0, null, TYPE, now, null, null, null, List.of(), properties,
                Json.MAPPER.createObjectNode(), now);
    }

    public static boolean is(Event event) {
        return TYPE.equals(event.type());
    }

    /** The ids a tombstone names. */
    public static List<String> ids(Event tombstone) {
        List<String> ids = new ArrayList<>();
        tombstone.properties().path("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
