package org.attune.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.event.Event;
import org.junit.jupiter.api.Test;

class IdentityGraphTest {
    private final IdentityGraph graph = new IdentityGraph();
    private final List<Long> absorbed = new ArrayList<>();
    private long seq;

    private long apply(String anonymousId, String userId) {
        seq++;
        Event event = new Event(seq, "e-" + seq, anonymousId != null && userId != null ? "identify" : "view",
                1_767_225_600_000L + seq * 1000, anonymousId, userId, null, List.of(),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), 0);
        return graph.apply(event, absorbed::add);
    }

    @Test
    void eventsOfOneAnonymousIdBelongToOnePerson() {
        long first = apply("a-1", null);
        assertThat(apply("a-1", null)).isEqualTo(first);
        assertThat(apply("a-2", null)).isNotEqualTo(first);
        assertThat(graph.size()).isEqualTo(2);
    }

    @Test
    void loginLinksEveryDeviceOfThePersonIntoOneProfileFoundByAnyId() {
        long phone = apply("a-phone", null);
        long laptop = apply("a-laptop", null);
        long user = apply("a-phone", "u-7");
        assertThat(user).as("the first login keeps the device's person").isEqualTo(phone);
        long afterSecondLogin = apply("a-laptop", "u-7");
        assertThat(afterSecondLogin).isEqualTo(phone);
        assertThat(absorbed).containsExactly(laptop);

        IdentityGraph.Person person = graph.find("a-laptop").orElseThrow();
        assertThat(person.id()).isEqualTo(phone);
        assertThat(person.userId()).isEqualTo("u-7");
        assertThat(person.anonymousIds()).containsExactly("a-phone", "a-laptop");
        assertThat(person.links()).singleElement().satisfies(link -> {
            assertThat(link.kind()).isEqualTo(IdentityLink.Kind.MERGED);
            assertThat(link.kept()).isEqualTo(phone);
            assertThat(link.absorbed()).isEqualTo(laptop);
            assertThat(link.anonymousId()).isEqualTo("a-laptop");
        });
        assertThat(graph.find("u-7").orElseThrow().id()).isEqualTo(phone);
        assertThat(graph.size()).isEqualTo(1);
    }

    @Test
    void twoKnownUserIdsAreNeverMergedAndTheRefusalIsRecorded() {
        long alice = apply("a-shared", "u-alice");
        long bob = apply("a-bob", "u-bob");
        long resolved = apply("a-shared", "u-bob");
        assertThat(resolved).isEqualTo(bob);
        assertThat(absorbed).isEmpty();
        assertThat(graph.find("a-shared").orElseThrow().id()).as("the device stays with its first user").isEqualTo(alice);
        assertThat(graph.find("u-bob").orElseThrow().links()).singleElement()
                .satisfies(link -> assertThat(link.kind()).isEqualTo(IdentityLink.Kind.REFUSED_TWO_USER_IDS));
        assertThat(graph.find("u-alice").orElseThrow().links()).hasSize(1);
    }

    @Test
    void aKnownDeviceSeenWithANewUserIdGivesThatUserTheirOwnPerson() {
        long alice = apply("a-shared", "u-alice");
        long carol = apply("a-shared", "u-carol");
        assertThat(carol).isNotEqualTo(alice);
        assertThat(graph.find("u-carol").orElseThrow().anonymousIds()).isEmpty();
        assertThat(graph.find("a-shared").orElseThrow().userId()).isEqualTo("u-alice");
    }

    @Test
    void forgettingAPersonRemovesEveryIdOfIt() {
        long person = apply("a-1", "u-1");
        apply("a-2", "u-1");
        assertThat(graph.forget("a-2")).hasValueSatisfying(forgotten -> assertThat(forgotten.id()).isEqualTo(person));
        assertThat(graph.find("a-1")).isEmpty();
        assertThat(graph.find("a-2")).isEmpty();
        assertThat(graph.find("u-1")).isEmpty();
        assertThat(graph.forget("u-1")).isEmpty();
        assertThat(apply("a-1", null)).as("a forgotten id starts a new person").isNotEqualTo(person);
    }
}
