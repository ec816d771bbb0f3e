package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose attempt a sign-in is, read from the connection and, behind a trusted proxy, its header. */
class ClientAddressTest {
    private final ClientAddress direct = new ClientAddress(List.of());
    private final ClientAddress proxied = new ClientAddress(List.of("10.0.0.5", "10.0.0.6"));

    @Test
    void withoutTrustedProxiesTheConnectionIsTheClientWhateverTheHeaderSays() {
        assertThat(direct.of("192.0.2.7", "198.51.100.1")).isEqualTo("192.0.2.7");
        assertThat(direct.of("10.0.0.5", "198.51.100.1")).isEqualTo("10.0.0.5");
    }

    @Test
    void ipv6ClientsCountByTheirSlash64Network() {
        assertThat(direct.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd", null)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(direct.of("[2001:db8:1:2::1]", null)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(direct.of("2001:db8:1:3::1", null)).isEqualTo("2001:db8:1:3:0:0:0:0/64");
        assertThat(direct.of("::1", null)).isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void behindTrustedProxiesTheRightMostAddressNotOfAProxyIsTheClient() {
        assertThat(proxied.of("10.0.0.5", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(proxied.of("10.0.0.5", "203.0.113.9, 198.51.100.1")).as("what the client wrote is before")
                .isEqualTo("198.51.100.1");
        assertThat(proxied.of("10.0.0.5", "198.51.100.1, 10.0.0.6")).as("through two of ours")
                .isEqualTo("198.51.100.1");
        assertThat(proxied.of("10.0.0.5", null)).as("no header: the proxy itself").isEqualTo("10.0.0.5");
        assertThat(proxied.of("10.0.0.5", "198.51.100.1, attacker.example")).as("a hop that is no address")
                .isEqualTo("10.0.0.5");
        assertThat(proxied.of("192.0.2.7", "198.51.100.1")).as("not from a proxy").isEqualTo("192.0.2.7");
    }

    @Test
    void aTrustedProxyMustBeAnAddressLiteral() {
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'proxy.internal'");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
