package io.richmond.api.web;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.util.UrlPathHelper;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The API's paths end in {@code .json}, and that is what they answer, whatever {@code Accept} says: the original
 * API did the same. Negotiating instead would answer a client that sent {@code Accept: text/html} with 406 after
 * the handler ran, when a callback URL it set is already stored. Other paths (the metrics, the OpenAPI document in
 * YAML) are left to the {@code Accept} header.
 */
final class ApiAnswersJson implements ContentNegotiationStrategy {

    private static final String API_PATHS = "/api/v1/";

    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON);
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    @Override
    public List<MediaType> resolveMediaTypes(NativeWebRequest webRequest) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (request != null && PATHS.getPathWithinApplication(request).startsWith(API_PATHS)) {
            return JSON;
        }
        return MEDIA_TYPE_ALL_LIST;
    }
}
