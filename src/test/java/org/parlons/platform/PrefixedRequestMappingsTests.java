package org.parlons.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mappings tested by their literal prefix first still find every controller method of
 * the application, and only the literal part before a variable or a wildcard is required
 * of a path.
 */
@SpringBootTest
class PrefixedRequestMappingsTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void theLiteralPrefixEndsAtTheFirstVariableOrWildcard() {
		assertThat(PrefixedRequestMappings.Mapping.literalPrefix("/api/v1/inboxes/{id}/inbound"))
			.isEqualTo("/api/v1/inboxes/");
		assertThat(PrefixedRequestMappings.Mapping.literalPrefix("/webjars/**")).isEqualTo("/webjars/");
		assertThat(PrefixedRequestMappings.Mapping.literalPrefix("/inbox")).isEqualTo("/inbox");
		assertThat(PrefixedRequestMappings.Mapping.literalPrefix("/{lang}/x")).isEqualTo("/");
	}

	@Test
	void everyControllerMethodIsStillFoundByAPathOfItsOwnPattern() throws Exception {
		assertThat(mappings).isInstanceOf(PrefixedRequestMappings.Mapping.class);
		List<String> lost = new ArrayList<>();
		int checked = 0;
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = entry.getKey();
			if (!info.getParamsCondition().isEmpty() || !info.getHeadersCondition().isEmpty()
					|| info.getPathPatternsCondition() == null) {
				continue;
			}
			String pattern = info.getPathPatternsCondition().getPatternValues().iterator().next();
			String method = info.getMethodsCondition().isEmpty() ? "GET"
					: info.getMethodsCondition().getMethods().iterator().next().name();
			MockHttpServletRequest request = new MockHttpServletRequest(method,
					pattern.replaceAll("\\{[^}]*}", "1").replace("**", "x").replace("*", "x"));
			if (!info.getConsumesCondition().isEmpty()) {
				request
					.setContentType(info.getConsumesCondition().getConsumableMediaTypes().iterator().next().toString());
			}
			if (!info.getProducesCondition().isEmpty()) {
				request.addHeader("Accept",
						info.getProducesCondition().getProducibleMediaTypes().iterator().next().toString());
			}
			ServletRequestPathUtils.parseAndCache(request);
			HandlerExecutionChain chain = mappings.getHandler(request);
			checked++;
			if (chain == null || !(chain.getHandler() instanceof HandlerMethod found)
					|| !found.getMethod().equals(entry.getValue().getMethod())) {
				lost.add(method + " " + pattern + " -> " + (chain == null ? "nothing" : chain.getHandler()));
			}
		}
		assertThat(checked).isGreaterThan(100);
		assertThat(lost).isEmpty();
	}

}
