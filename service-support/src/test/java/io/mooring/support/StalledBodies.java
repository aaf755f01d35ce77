package io.mooring.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Requests that hold part of a body on the service: a widget POST announcing {@code announced} bytes, of which only
 * {@code sent} arrive. No HTTP client stops halfway on purpose, so this writes the request on a socket itself; the
 * service holds those bytes until the socket is closed.
 */
final class StalledBodies {

    private StalledBodies() {
    }

    static Socket stall(URI base, String token, int announced, int sent) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/widgets HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + announced + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(new byte[sent]);
        out.flush();
        return socket;
    }
}
