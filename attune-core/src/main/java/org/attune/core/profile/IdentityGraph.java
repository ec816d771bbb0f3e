package org.attune.core.profile;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.attune.core.event.Event;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;

/**
 * Stitches identities into people. Any event carrying both an anonymous id and a user id
 * (an {@code identify} event, or a logged-in page view) links them: from then on both
 * ids resolve to one person, whose history includes what the anonymous id did before.
 * Two different user ids are never merged automatically; such a link is refused and
 * recorded. Not thread-safe: callers serialise access (events are applied in log order
 * on one thread).
 *
 * <p>Kept small because there is one node per person: the ids are the only strings, a
 * single anonymous id is held without a collection, and the list of links exists only
 * once there is one.
 */
public final class IdentityGraph {

    /**
     * One person as the graph knows it.
     *
     * @param id stable internal id; in a merge, the person holding the user id survives
     * @param userId the known user id, or null while anonymous
     * @param anonymousIds every anonymous id linked to the person, in the order first seen
     * @param links merges and refused merges that involved the person, oldest first
     */
    public record Person(long id, String userId, Set<String> anonymousIds, List<IdentityLink> links) {
    }

    /** A person's node; {@code profile} is the state attached by {@link LiveProfiles}. */
    static final class Node {
        final long id;
        String userId;
        /** Null, one String, or a String[] in the order first seen. */
        Object anonymousIds;
        List<IdentityLink> links;
        Profile profile;

        Node(long id) {
            this.id = id;
        }

        List<String> anonymousIdList() {
            if (anonymousIds == null) {
                return List.of();
            }
            return anonymousIds instanceof String single ? List.of(single) : List.of((String[]) anonymousIds);
        }

        void addAnonymousId(String anonymousId) {
            if (anonymousIds == null) {
                anonymousIds = anonymousId;
            } else if (anonymousIds instanceof String single) {
                if (!single.equals(anonymousId)) {
                    anonymousIds = new String[] {single, anonymousId};
                }
            } else {
                String[] all = (String[]) anonymousIds;
                if (!Arrays.asList(all).contains(anonymousId)) {
                    String[] grown = Arrays.copyOf(all, all.length + 1);
                    grown[all.length] = anonymousId;
                    anonymousIds = grown;
                }
            }
        }

        void addLink(IdentityLink link) {
            if (links == null) {
                links = new ArrayList<>(1);
            }
            links.add(link);
        }

        /** All ids of the person: the user id first, if any, then the anonymous ids. */
        List<String> ids() {
            List<String> ids = new ArrayList<>(anonymousIdList());
            if (userId != null) {
                ids.add(0, userId);
            }
            return ids;
        }
    }

    private final Map<String, Node> byAnonymousId = new HashMap<>();
    private final Map<String, Node> byUserId = new HashMap<>();
    private long nextId = 1;
    private int people;

    /**
     * Applies an event's identities and returns the person it belongs to.
     *
     * @param merged called with (survivor, absorbed) when this event merges two people, so
     *     that the caller can move the absorbed person's state into the survivor
     */
    Node resolve(Event event, BiConsumer<Node, Node> merged) {
        String anonymousId = event.anonymousId();
        String userId = event.userId();
        Node byAnonymous = anonymousId == null ? null : byAnonymousId.get(anonymousId);
        Node byUser = userId == null ? null : byUserId.get(userId);
        if (anonymousId != null && userId != null) {
            return link(byAnonymous, byUser, event, merged);
        }
        Node known = byAnonymous != null ? byAnonymous : byUser;
        if (known != null) {
            return known;
        }
        Node created = create();
        if (anonymousId != null) {
            attachAnonymous(created, anonymousId);
        } else {
            attachUser(created, userId);
        }
        return created;
    }

    /** Like {@link #resolve}, for callers that only need the person's id. */
    public long apply(Event event, java.util.function.LongConsumer merged) {
        return resolve(event, (survivor, absorbed) -> merged.accept(absorbed.id)).id;
    }

    private Node link(Node byAnonymous, Node byUser, Event event, BiConsumer<Node, Node> merged) {
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
        for (String anonymous : byAnonymous.anonymousIdList()) {
            byAnonymousId.put(anonymous, byUser);
            byUser.addAnonymousId(anonymous);
        }
        if (byAnonymous.links != null) {
            byAnonymous.links.forEach(byUser::addLink);
        }
        people--;
        record(new IdentityLink(IdentityLink.Kind.MERGED, byUser.id, byAnonymous.id, event.anonymousId(),
                event.userId(), event.seq(), Instant.ofEpochMilli(event.timestamp())), byUser, null);
        merged.accept(byUser, byAnonymous);
        return byUser;
    }

    private static void record(IdentityLink link, Node first, Node second) {
        first.addLink(link);
        if (second != null) {
            second.addLink(link);
        }
    }

    private Node create() {
        people++;
        return new Node(nextId++);
    }

    private void attachAnonymous(Node node, String anonymousId) {
        node.addAnonymousId(anonymousId);
        byAnonymousId.put(anonymousId, node);
    }

    private void attachUser(Node node, String userId) {
        node.userId = userId;
        byUserId.put(userId, node);
    }

    /** The node of the person with this user id or anonymous id; a user id wins when both match. */
    Node node(String id) {
        Node node = byUserId.get(id);
        return node != null ? node : byAnonymousId.get(id);
    }

    /** The person with this anonymous id or user id, if any. A user id wins when both match. */
    public Optional<Person> find(String id) {
        return Optional.ofNullable(node(id)).map(IdentityGraph::snapshot);
    }

    /**
     * Forgets the person known by {@code id} and all of their other ids (privacy requests).
     * Links recorded on other people that mention the person are kept: they belong to those
     * people's histories.
     *
     * @return the forgotten person, or empty when the id is unknown
     */
    public Optional<Person> forget(String id) {
        Node node = node(id);
        if (node == null) {
            return Optional.empty();
        }
        Person person = snapshot(node);
        for (String anonymousId : node.anonymousIdList()) {
            byAnonymousId.remove(anonymousId, node);
        }
        if (node.userId != null) {
            byUserId.remove(node.userId, node);
        }
        people--;
        return Optional.of(person);
    }

    /** Number of people known. */
    public int size() {
        return people;
    }

    static Person snapshot(Node node) {
        return new Person(node.id, node.userId, Collections.unmodifiableSet(new LinkedHashSet<>(node.anonymousIdList())),
                node.links == null ? List.of() : List.copyOf(node.links));
    }

    /** Writes every person (ids, links and profile). Callers make sure nothing is applied meanwhile. */
    void save(SnapshotOutput out) throws IOException {
        Set<Node> nodes = Collections.newSetFromMap(new IdentityHashMap<>(people * 2));
        nodes.addAll(byUserId.values());
        nodes.addAll(byAnonymousId.values());
        out.writeLong(nextId);
        out.writeInt(nodes.size());
        for (Node node : nodes) {
            out.writeLong(node.id);
            out.writeString(node.userId);
            List<String> anonymousIds = node.anonymousIdList();
            out.writeInt(anonymousIds.size());
            for (String anonymousId : anonymousIds) {
                out.writeString(anonymousId);
            }
            List<IdentityLink> nodeLinks = node.links == null ? List.of() : node.links;
            out.writeInt(nodeLinks.size());
            for (IdentityLink link : nodeLinks) {
                out.writeInt(link.kind().ordinal());
                out.writeLong(link.kept());
                out.writeLong(link.absorbed());
                out.writeString(link.anonymousId());
                out.writeString(link.userId());
                out.writeLong(link.eventSeq());
                out.writeLong(link.at().getEpochSecond());
                out.writeInt(link.at().getNano());
            }
            out.writeBoolean(node.profile != null);
            if (node.profile != null) {
                node.profile.save(out);
            }
        }
    }

    /** Reads what {@link #save} wrote into this graph, which must be empty. */
    void restore(SnapshotInput in) throws IOException {
        if (people != 0 || !byUserId.isEmpty() || !byAnonymousId.isEmpty()) {
            throw new IllegalStateException("people are known already; restore into an empty graph");
        }
        nextId = in.readLong();
        int count = in.readCount(Integer.MAX_VALUE);
        IdentityLink.Kind[] kinds = IdentityLink.Kind.values();
        for (int n = 0; n < count; n++) {
            Node node = new Node(in.readLong());
            String userId = in.readString();
            if (userId != null) {
                attachUser(node, userId);
            }
            int anonymousIds = in.readCount(Integer.MAX_VALUE);
            for (int i = 0; i < anonymousIds; i++) {
                attachAnonymous(node, in.readString());
            }
            int links = in.readCount(Integer.MAX_VALUE);
            for (int i = 0; i < links; i++) {
                int kind = in.readInt();
                if (kind < 0 || kind >= kinds.length) {
                    throw new IOException("an identity link is damaged");
                }
                node.addLink(new IdentityLink(kinds[kind], in.readLong(), in.readLong(), in.readString(),
                        in.readString(), in.readLong(), Instant.ofEpochSecond(in.readLong(), in.readInt())));
            }
            if (in.readBoolean()) {
                node.profile = Profile.restore(in);
            }
            if (node.id >= nextId || (userId == null && anonymousIds == 0)) {
                throw new IOException("a person is damaged");
            }
        }
        people = count;
    }
}
