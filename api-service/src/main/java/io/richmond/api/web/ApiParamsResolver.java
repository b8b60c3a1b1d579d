package io.richmond.api.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives a handler its {@link ApiParams}: the query string and form fields, plus the members of a JSON object body
 * when the request is {@code application/json}. The original API took forms only; scripts that send JSON get the
 * same names and the same checks.
 */
final class ApiParamsResolver implements HandlerMethodArgumentResolver {

    private final JsonMapper mapper;

    ApiParamsResolver(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ApiParams.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Map<String, List<String>> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, given) -> values.put(name, new ArrayList<>(Arrays.asList(given))));
        if (isJson(request.getContentType())) {
            readJson(request).properties().forEach(member -> values.put(member.getKey(),
                    texts(member.getKey(), member.getValue())));
        }
        return new ApiParams(values);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private JsonNode readJson(HttpServletRequest request) {
        JsonNode body;
        try {
            body = mapper.readTree(request.getInputStream());
        } catch (JacksonException e) {
            throw ApiException.badRequest("body", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body == null || body.isMissingNode()) {
            throw ApiException.badRequest("body", "the body is empty: send a JSON object");
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("body", "the body must be a JSON object of parameters");
        }
        return body;
    }

    private static List<String> texts(String name, JsonNode value) {
        List<String> texts = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> texts.add(text(name, item)));
        } else if (!value.isNull()) {
            texts.add(text(name, value));
        }
        return texts;
    }

    private static String text(String name, JsonNode value) {
        if (value.isContainer() || value.isNull()) {
            throw ApiException.badRequest(name, name + " must be a string or a list of strings");
        }
        return value.asString();
    }
}
