package org.attune.server.http;

import io.javalin.http.Context;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who is signing in, as far as the sign-in throttle can tell: the address of the socket the
 * request came on. Behind a reverse proxy that is the proxy's, shared by everyone; an
 * operator who names the proxy's address as trusted makes the studio read the client from
 * the {@code X-Forwarded-For} header instead, but only on requests that came from that
 * proxy (from anywhere else the header is whatever the client chose to write). Off unless
 * proxies are named.
 *
 * <p>IPv6 clients are grouped by their /64 network, the block one customer line usually
 * gets, so that walking through the addresses of one's own network buys no fresh attempts.
 * Thread-safe.
 */
public final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Set<InetAddress> trustedProxies;

    /**
     * @param trustedProxies address literals of reverse proxies whose {@code X-Forwarded-For}
     *     is believed; empty to believe none
     * @throws IllegalArgumentException for anything but an IPv4 or IPv6 address literal
     */
    public ClientAddress(Collection<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies.stream().map(literal -> parse(literal.trim())
                .orElseThrow(() -> new IllegalArgumentException("--trusted-proxy must be an IP address, got '"
                        + literal + "'"))).toList());
    }

    /** Whether a connection from {@code peer} comes from one of the named reverse proxies. */
    public boolean trusts(InetAddress peer) {
        return trustedProxies.contains(peer);
    }

    /** The named reverse proxies, as address literals. */
    public List<String> trustedProxies() {
        return trustedProxies.stream().map(InetAddress::getHostAddress).sorted().toList();
    }

    /** The address (or IPv6 /64 network) the request is counted against. */
    public String of(Context ctx) {
        return of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    /**
     * @param socketAddress the connection's remote address
     * @param forwardedFor the request's {@code X-Forwarded-For} header, or null
     */
    String of(String socketAddress, String forwardedFor) {
        String socket = socketAddress.replace("[", "").replace("]", "");
        InetAddress client = parse(socket).orElse(null);
        if (client == null) {
            return socket;
        }
        if (trustedProxies.contains(client)) {
            client = forwardedClient(forwardedFor, client);
        }
        return key(client);
    }

    /** The right-most address in the header that is not one of our proxies: the one they saw connect. */
    private InetAddress forwardedClient(String header, InetAddress proxy) {
        if (header == null) {
            return proxy;
        }
        List<String> hops = Arrays.asList(header.split(","));
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parse(hops.get(i).trim()).orElse(null);
            if (hop == null) {
                return proxy;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return proxy;
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address && !address.isLoopbackAddress()) {
            byte[] network = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always an IPv6 address", e);
            }
        }
        return address.getHostAddress();
    }

    /** An address literal, parsed without ever asking DNS (anything else is empty). */
    private static java.util.Optional<InetAddress> parse(String literal) {
        if (literal == null || !(IPV4.matcher(literal).matches() || IPV6.matcher(literal).matches())) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}
