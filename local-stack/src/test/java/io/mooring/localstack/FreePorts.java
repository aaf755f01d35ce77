package io.mooring.localstack;

import java.io.IOException;
import java.net.ServerSocket;

/** Ports for a stack under test, so that it never collides with a developer's running local stack. */
final class FreePorts {

    private FreePorts() {
    }

    static int one() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A port whose next five are free too, for the four services and the built-in identity provider. */
    static int blockOfFive() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20000 + (int) (Math.random() * 30000);
            boolean free = true;
            for (int p = base + 1; p <= base + 5 && free; p++) {
                try (ServerSocket socket = new ServerSocket(p)) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("No block of free ports");
    }
}
