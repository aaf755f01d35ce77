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

    /** A port whose next six are free too, for the five services and the built-in identity provider. */
    static int blockOfSix() throws IOException {
        return baseOf(LocalStack.SERVICES + 1);
    }

    /** A port whose next {@code count} are free too: 5 per instance of the five services, 1 for the issuer. */
    static int baseOf(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            // Below Linux's ephemeral range (32768 up), from which outgoing connections take their local ports: a
            // port found free there can be taken by any client before a slow-starting service binds it.
            int base = 20000 + (int) (Math.random() * (32768 - 20000 - count - 1));
            boolean free = true;
            for (int p = base + 1; p <= base + count && free; p++) {
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
