package org.attune.server.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;

/**
 * Closes a new connection at once when its remote address already holds as many as it may,
 * so that one client cannot take all of {@link ClientLimits#maxConnections()} (Jetty's own
 * {@code NetworkConnectionLimit} counts only the total). Trusted reverse proxies are
 * exempt. Holds a counter per address with an
 * open connection and the address of each open connection: memory follows the open connections. Thread-safe.
 */
final class ConnectionsPerAddress implements Connection.Listener {
    private final int limit;
    private final ClientAddress clients;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /**
     * The address each counted connection was counted against: once a connection is closed
     * its end point no longer knows its remote address, so the close is matched by this.
     */
    private final ConcurrentHashMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    /**
     * @param clients the reverse proxies named as trusted: their connections carry many
     *     clients, so only the total cap holds them
     */
    ConnectionsPerAddress(int limit, ClientAddress clients) {
        this.limit = limit;
        this.clients = clients;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection);
        if (address == null) {
            return;
        }
        counted.put(connection, address);
        int count = open.merge(address, 1, Integer::sum);
        if (count > limit) {
            // Counted all the same: onClosed, which follows, takes it off again.
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address == null) {
            return;
        }
        open.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    private InetAddress address(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet && !clients.trusts(inet.getAddress()) ? inet.getAddress()
                : null;
    }
}
