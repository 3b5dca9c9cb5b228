package org.bankcrm.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks, before anything starts, that every port the stack needs is free. */
final class Ports {
    private Ports() {
    }

    /** The ports among {@code needed} (port → component) that something else already listens on. */
    static Map<Integer, String> taken(Map<Integer, String> needed) {
        Map<Integer, String> taken = new LinkedHashMap<>();
        needed.forEach((port, component) -> {
            if (!isFree(port)) {
                taken.put(port, component);
            }
        });
        return taken;
    }

    /** One sentence per taken port, e.g. "port 8082 (interaction-service) is already in use". */
    static List<String> describe(Map<Integer, String> taken) {
        List<String> lines = new ArrayList<>();
        taken.forEach((port, component) -> lines.add("port " + port + " (" + component + ") is already in use"));
        return lines;
    }

    /** Free when both the wildcard and the loopback address can be bound (the services listen on all interfaces). */
    static boolean isFree(int port) {
        return canBind(new InetSocketAddress(port)) && canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is free now (for tests). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
