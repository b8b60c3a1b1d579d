package io.richmond.api.web;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final DataSize maxBody;

    /** One limit for both ways of sending parameters: a JSON body may be as long as Tomcat lets a form be. */
    WebConfiguration(@Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize maxBody) {
        this.maxBody = maxBody;
    }

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(new ApiAnswersJson(), new HeaderContentNegotiationStrategy()));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ApiParamsResolver(maxBody));
    }
}
