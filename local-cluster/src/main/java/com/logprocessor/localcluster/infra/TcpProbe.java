package com.logprocessor.localcluster.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks on 127.0.0.1. */
public final class TcpProbe {

    private TcpProbe() {
    }

    /** Something accepts connections on 127.0.0.1:port. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Nobody listens on the port (on 127.0.0.1 or on all interfaces), so a server can bind it. */
    public static boolean isFree(int port) {
        return whyNotFree(port) == null;
    }

    /** Null when the port is free, else the reason. */
    public static String whyNotFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        } catch (IOException e) {
            return "cannot bind 127.0.0.1:" + port + " (" + e.getMessage() + ")";
        }
        return accepts(port) ? "something accepts connections on 127.0.0.1:" + port : null;
    }
}
