package org.bankcrm.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between the services and PostgreSQL, so that a fault scenario can make the database unreachable
 * without stopping it: {@link #refuse()} closes the listening socket (new connections are refused) and cuts every
 * open connection; {@link #accept()} listens again on the same port. Plain blocking sockets, two threads per
 * connection: the services hold a few dozen connections at most.
 */
final class DatabaseProxy implements AutoCloseable {
    private final int port;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private long accepted;

    DatabaseProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    int port() {
        return port;
    }

    /** Listens (again) on the port and relays every connection to PostgreSQL. */
    synchronized void accept() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = listening;
        Thread loop = new Thread(() -> acceptLoop(listening), "db-proxy-" + port);
        loop.setDaemon(true);
        loop.start();
    }

    /** Stops listening (a connect is refused) and cuts every relayed connection, as a lost network would. */
    synchronized void refuse() {
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
        for (Socket socket : open) {
            try {
                socket.setSoLinger(true, 0); // a reset, as a network that drops the connection
            } catch (IOException e) {
                // closed meanwhile
            }
            closeQuietly(socket);
        }
        open.clear();
    }

    synchronized boolean accepting() {
        return server != null;
    }

    /** Connections relayed since the start, e.g. for a test that the services use the proxy. */
    synchronized long connectionsAccepted() {
        return accepted;
    }

    int openConnections() {
        return open.size() / 2;
    }

    @Override
    public void close() {
        refuse();
    }

    private void acceptLoop(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException e) {
                return; // refused or closed
            }
            Socket database = new Socket();
            try {
                database.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
            } catch (IOException e) {
                closeQuietly(client); // PostgreSQL itself is down: the client sees the connection end
                closeQuietly(database);
                continue;
            }
            synchronized (this) {
                if (listening.isClosed()) {
                    closeQuietly(client);
                    closeQuietly(database);
                    return;
                }
                accepted++;
                open.add(client);
                open.add(database);
            }
            pump(client, database);
            pump(database, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // cut by refuse(), or the other side ended: both ends are closed below
            } finally {
                open.remove(from);
                open.remove(to);
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "db-proxy-" + port + "-" + from.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
