package dev.skein.durable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of PostgreSQL, so that a test can take the database away from a data source (close:
 * every connection is cut and new ones are refused) and bring it back on the same port (open).
 */
final class TcpProxy implements AutoCloseable {

    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private int port;

    TcpProxy(int target) throws IOException {
        this.target = target;
        open();
    }

    int port() {
        return port;
    }

    /** Listens (again, on the same port) and forwards every connection to the target. */
    synchronized void open() throws IOException {
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = listening.getLocalPort();
        server = listening;
        Thread.ofVirtual().name("proxy accept " + port).start(() -> accept(listening));
    }

    private void accept(ServerSocket listening) {
        try {
            while (true) {
                Socket client = listening.accept();
                if (!keep(listening, client)) {
                    return;
                }
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException unreachable) {
                    quietly(client);
                    continue;
                }
                if (!keep(listening, upstream)) {
                    quietly(client);
                    return;
                }
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            }
        } catch (IOException closed) { // close() ends the loop
        }
    }

    /**
     * Keeps {@code socket} for {@link #close()} to cut, unless {@code listening} is closed already (a connection
     * accepted while the proxy closed): then cuts it. {@return whether it was kept}
     */
    private synchronized boolean keep(ServerSocket listening, Socket socket) {
        if (listening.isClosed()) {
            quietly(socket);
            return false;
        }
        sockets.add(socket);
        return true;
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException cut) { // the other side, or close(), ended it
        } finally {
            quietly(from);
            quietly(to);
        }
    }

    /** Refuses new connections and cuts every open one: the database is gone, for whoever came through here. */
    @Override
    public synchronized void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            quietly(socket);
        }
        sockets.clear();
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) { // already closed
        }
    }
}
