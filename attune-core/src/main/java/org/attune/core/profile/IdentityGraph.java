package org.attune.core.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.attune.core.event.Event;

/**
 * Stitches identities into people. Any event carrying both an anonymous id and a user id
 * (an {@code identify} event, or a logged-in page view) links them: from then on both
 * ids resolve to one person, whose history includes what the anonymous id did before.
 * Two different user ids are never merged automatically; such a link is refused and
 * recorded. Not thread-safe: one thread (the event fanout) applies events in log order.
 */
public final class IdentityGraph {

    /**
     * One person as the graph knows it.
     *
     * @param id stable internal id (the id of the first person created in a merge chain survives
     *     when it holds the user id, otherwise the larger person)
     * @param userId the known user id, or null while anonymous
     * @param anonymousIds every anonymous id linked to the person, in the order first seen
     * @param links merges and refused merges that involved the person, oldest first
     */
    public record Person(long id, String userId, Set<String> anonymousIds, List<IdentityLink> links) {
    }

    private static final class Node {
        final long id;
        String userId;
        final Set<String> anonymousIds = new LinkedHashSet<>(2);
        final List<IdentityLink> links = new ArrayList<>(0);

        Node(long id) {
            this.id = id;
        }
    }

    private final Map<String, Node> byAnonymousId = new HashMap<>();
    private final Map<String, Node> byUserId = new HashMap<>();
    private final Map<Long, Node> byId = new HashMap<>();
    private long nextId = 1;

    /**
     * Applies an event's identities and returns the person it belongs to.
     *
     * @param merged receives the id of a person absorbed by this event (so that callers can
     *     move its state into the survivor), or is not called
     */
    public long apply(Event event, java.util.function.LongConsumer merged) {
        String anonymousId = event.anonymousId();
        String userId = event.userId();
        Node byAnonymous = anonymousId == null ? null : byAnonymousId.get(anonymousId);
        Node byUser = userId == null ? null : byUserId.get(userId);
        if (anonymousId != null && userId != null) {
            return link(byAnonymous, byUser, event, merged).id;
        }
        Node known = byAnonymous != null ? byAnonymous : byUser;
        if (known != null) {
            return known.id;
        }
        Node created = create();
        if (anonymousId != null) {
            attachAnonymous(created, anonymousId);
        } else {
            attachUser(created, userId);
        }
        return created.id;
    }

    private Node link(Node byAnonymous, Node byUser, Event event, java.util.function.LongConsumer merged) {
        if (byAnonymous == null && byUser == null) {
            Node created = create();
            attachUser(created, event.userId());
            attachAnonymous(created, event.anonymousId());
            return created;
        }
        if (byAnonymous == null) {
            attachAnonymous(byUser, event.anonymousId());
            return byUser;
        }
        if (byUser == null) {
            if (byAnonymous.userId == null) {
                attachUser(byAnonymous, event.userId());
                return byAnonymous;
            }
            // The device belongs to another known user: a new person for this user, no merge.
            Node created = create();
            attachUser(created, event.userId());
            record(new IdentityLink(IdentityLink.Kind.REFUSED_TWO_USER_IDS, created.id, byAnonymous.id,
                    event.anonymousId(), event.userId(), event.seq(), Instant.ofEpochMilli(event.timestamp())),
                    created, byAnonymous);
            return created;
        }
        if (byAnonymous == byUser) {
            return byUser;
        }
        if (byAnonymous.userId != null) {
            record(new IdentityLink(IdentityLink.Kind.REFUSED_TWO_USER_IDS, byUser.id, byAnonymous.id,
                    event.anonymousId(), event.userId(), event.seq(), Instant.ofEpochMilli(event.timestamp())),
                    byUser, byAnonymous);
            return byUser;
        }
        // The anonymous person joins the known user: everything it did becomes the user's history.
        for (String anonymous : byAnonymous.anonymousIds) {
            byAnonymousId.put(anonymous, byUser);
            byUser.anonymousIds.add(anonymous);
        }
        byUser.links.addAll(byAnonymous.links);
        byId.remove(byAnonymous.id);
        record(new IdentityLink(IdentityLink.Kind.MERGED, byUser.id, byAnonymous.id, event.anonymousId(),
                event.userId(), event.seq(), Instant.ofEpochMilli(event.timestamp())), byUser, null);
        merged.accept(byAnonymous.id);
        return byUser;
    }

    private static void record(IdentityLink link, Node first, Node second) {
        first.links.add(link);
        if (second != null) {
            second.links.add(link);
        }
    }

    private Node create() {
        Node node = new Node(nextId++);
        byId.put(node.id, node);
        return node;
    }

    private void attachAnonymous(Node node, String anonymousId) {
        node.anonymousIds.add(anonymousId);
        byAnonymousId.put(anonymousId, node);
    }

    private void attachUser(Node node, String userId) {
        node.userId = userId;
        byUserId.put(userId, node);
    }

    /** The person with this anonymous id or user id, if any. A user id wins when both match. */
    public Optional<Person> find(String id) {
        Node node = byUserId.get(id);
        if (node == null) {
            node = byAnonymousId.get(id);
        }
        return Optional.ofNullable(node).map(IdentityGraph::snapshot);
    }

    public Optional<Person> person(long id) {
        return Optional.ofNullable(byId.get(id)).map(IdentityGraph::snapshot);
    }

    /** Forgets a person and all of their ids (privacy requests). */
    public boolean forget(long id) {
        Node node = byId.remove(id);
        if (node == null) {
            return false;
        }
        node.anonymousIds.forEach(byAnonymousId::remove);
        if (node.userId != null) {
            byUserId.remove(node.userId);
        }
        return true;
    }

    /** Number of people known. */
    public int size() {
        return byId.size();
    }

    private static Person snapshot(Node node) {
        return new Person(node.id, node.userId,
                java.util.Collections.unmodifiableSet(new LinkedHashSet<>(node.anonymousIds)), List.copyOf(node.links));
    }
}
