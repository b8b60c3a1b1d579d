package io.richmond.api.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives a handler its {@link ApiParams}: the query string and form fields, plus the members of a JSON object body
 * when the request is {@code application/json}. The original API took forms only; scripts that send JSON get the
 * same names and the same checks. A JSON body may be as long as a form ({@code maxBody}); no value may hold a NUL,
 * which PostgreSQL cannot store in text. A value is a string or a number, as a form's would be; a boolean is refused
 * rather than read as the word {@code true}, which some parameters (an alphanumeric {@code from_msisdn}) would take.
 */
final class ApiParamsResolver implements HandlerMethodArgumentResolver {

    private final JsonMapper mapper;
    private final DataSize maxBody;

    ApiParamsResolver(DataSize maxBody) {
        this.maxBody = maxBody;
        this.mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(maxBody.toBytes()).build()).build()).build();
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
        parameters(request).forEach((name, given) -> values.put(name, new ArrayList<>(Arrays.asList(given))));
        if (isJson(request.getContentType())) {
            readJson(request).properties().forEach(member -> values.put(member.getKey(),
                    texts(member.getKey(), member.getValue())));
        }
        values.forEach(ApiParamsResolver::refuseNul);
        return new ApiParams(values);
    }

    /**
     * The container refuses a form it cannot decode, that has too many parameters or that is longer than its
     * limit by throwing {@link IllegalStateException} (Tomcat's {@code InvalidParameterException}); that is the
     * client's fault, so it answers 400 in the API's own shape rather than a logged server error.
     */
    private static Map<String, String[]> parameters(HttpServletRequest request) {
        try {
            return request.getParameterMap();
        } catch (IllegalStateException e) {
            throw ApiException.badRequest("body", "the parameters could not be read: " + e.getMessage());
        }
    }

    private static void refuseNul(String name, List<String> given) {
        for (String value : given) {
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw ApiException.badRequest(name, name + " must not contain NUL (U+0000) characters");
            }
        }
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
        } catch (StreamConstraintsException e) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "body", "the JSON body is longer than "
                    + maxBody.toBytes() + " bytes, or nested or sized beyond what the API reads: "
                    + e.getOriginalMessage());
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
        if (value.isContainer() || value.isNull() || value.isBoolean()) {
            throw ApiException.badRequest(name, name + " must be a string or a list of strings");
        }
        return value.asString();
    }
}
