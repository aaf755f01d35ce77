package io.mooring.agent.service;

import io.mooring.agent.platform.CredentialManager;
import io.mooring.agent.platform.PlatformException;
import io.mooring.agent.platform.PlatformException.Kind;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Platform calls with a valid agent token: a 401 gets one fresh token and one more try. A success wakes the loops
 * that were waiting out a failure: the platform is back.
 */
final class PlatformCalls {

    private final CredentialManager credentials;
    private final Loops loops;

    PlatformCalls(CredentialManager credentials, Loops loops) {
        this.credentials = credentials;
        this.loops = loops;
    }

    <T> T call(Function<String, T> call) {
        String token = credentials.accessToken();
        T result;
        try {
            result = call.apply(token);
        } catch (PlatformException e) {
            if (e.kind() != Kind.UNAUTHORIZED) {
                throw e;
            }
            result = call.apply(credentials.refreshAfterRefusal(token));
        }
        loops.wakeFailing();
        return result;
    }

    void run(Consumer<String> call) {
        call(token -> {
            call.accept(token);
            return null;
        });
    }
}
