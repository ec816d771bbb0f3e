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
 * person. Afterwards the log's own copies are redacted (see {@link #redacted}).
 */
public final class Tombstone {
    /** The event type of tombstones. */
    public static final String TYPE = "$forget";
    /** The event type of what remains in the log of a forgotten person's event. */
    public static final String REDACTED_TYPE = "$forgotten";

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

    /** A tombstone as the log holds it: at position {@code seq}, made and received at {@code time}. */
    public static Event stored(long seq, List<String> ids, long time) {
        return of(ids, time).withSeq(seq);
    }

    public static boolean is(Event event) {
        return TYPE.equals(event.type());
    }

    /**
     * What the log keeps of a forgotten person's event (and of the tombstone itself, once
     * every reader has applied it): its position, eventId (so that a retried send is still
     * recognised as a duplicate and not stored again), and times; no ids, products,
     * properties or context. Readers skip it.
     */
    public static Event redacted(Event event) {
        return new Event(event.seq(), event.eventId(), REDACTED_TYPE, event.timestamp(), null, null, null,
                List.of(), Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode(), event.receivedAt());
    }

    /** Whether the type is one of the log's own records (tombstones, redactions), which no sender can use. */
    public static boolean isReserved(String type) {
        return type.startsWith("$");
    }

    /** The ids a tombstone names. */
    public static List<String> ids(Event tombstone) {
        List<String> ids = new ArrayList<>();
        tombstone.properties().path("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
