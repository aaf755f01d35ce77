package io.mooring.support.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The reason phrase of a status as a problem's title, and the title as the last part of its type. */
final class HttpResponseTitles {

    private HttpResponseTitles() {
    }

    static String of(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    static String slug(String title) {
        return Arrays.stream(title.toLowerCase().split("[^a-z0-9]+")).filter(s -> !s.isEmpty())
                .collect(Collectors.joining("-"));
    }
}
