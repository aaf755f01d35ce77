package io.mooring.agent.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A real forward proxy on a free loopback port: Jetty's CONNECT handler, which opens a TCP tunnel to the host and
 * port asked for and copies bytes both ways, as a corporate proxy does for HTTPS. It records every CONNECT target;
 * it never sees inside the tunnel.
 */
public final class ConnectProxy implements AutoCloseable {

    /** Each CONNECT's target, {@code host:port}, in arrival order. */
    public final List<String> connects = new CopyOnWriteArrayList<>();
    private final Server server;
    private final ServerConnector connector;

    public ConnectProxy() {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new ConnectHandler() {
            @Override
            protected void handleConnect(Request request, Response response, Callback callback, String serverAddress) {
                connects.add(serverAddress);
                super.handleConnect(request, response, callback, serverAddress);
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the CONNECT proxy", e);
        }
    }

    /** The proxy URL as {@code HTTPS_PROXY} gives it. */
    public String url() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the CONNECT proxy", e);
        }
    }
}
