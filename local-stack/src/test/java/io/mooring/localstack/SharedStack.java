package io.mooring.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One plain local stack (built-in issuer, one instance of each service, no simulated clusters of its own) shared by
 * every end-to-end class that needs nothing special: starting a stack is the expensive part of those tests (40–60 s
 * here), so the classes of one test run start it once. It stops, and its databases are dropped, when the test run
 * ends. A class asks for it with {@code @ExtendWith(SharedStack.class)} and a {@link Running} parameter on its
 * {@code @BeforeAll} method. Classes sharing it must not depend on one another: each uses names and projects of its
 * own, and none stops or reconfigures the stack (those that must, such as the fault tests, start their own).
 */
public final class SharedStack implements ParameterResolver {

    /** The running stack, as the test classes see it. */
    public record Running(LocalStack stack, int gatewayPort, Path dataDir) {

        public String gatewayUrl() {
            return "http://127.0.0.1:" + gatewayPort;
        }

        public String adminToken() {
            try {
                return stack.adminToken();
            } catch (IOException e) {
                throw new IllegalStateException("The stack wrote no admin token", e);
            }
        }

        /** A token of the stack's issuer for this role (viewer, operator, admin) and these projects. */
        public String userToken(String role, String... projects) {
            return stack.userToken(role, projects);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root context's store outlives every class and closes its resources when the test run ends.
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedStack.class))
                .getOrComputeIfAbsent(Started.class, key -> Started.start(), Started.class).running;
    }

    /** The stack's lifetime, tied to the root store. */
    private static final class Started implements ExtensionContext.Store.CloseableResource {

        private final Running running;

        private Started(Running running) {
            this.running = running;
        }

        static Started start() {
            String databases = "mooring_shared_e2e_" + Long.toHexString(System.nanoTime());
            try {
                int gateway = FreePorts.one();
                Path data = Files.createTempDirectory("mooring-shared-e2e-");
                Path repo = Path.of("..").toAbsolutePath().normalize();
                LocalStack stack = new LocalStack(new StackOptions(repo, data, gateway, FreePorts.blockOfSix(),
                        FreePorts.one(), 600, List.of(), List.of(), databases, false));
                Started started = new Started(new Running(stack, gateway, data));
                try {
                    stack.start();
                } catch (Exception e) {
                    started.close();
                    throw e;
                }
                return started;
            } catch (Exception e) {
                throw new IllegalStateException("The shared local stack did not start", e);
            }
        }

        @Override
        public void close() {
            running.stack().stop();
            running.stack().dropDatabases();
        }
    }
}
