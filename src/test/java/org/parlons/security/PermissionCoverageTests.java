package org.parlons.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parlons.agents.Requires;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request handler of Parlons names the permission it needs, except the doors that
 * are open by design: sign-in, the webhooks (each checks its network's signature), the
 * web chat (its visitor token), the customer space (its own chain: a customer's session),
 * an agent's own tokens and profile, and the published editions (their pages and feeds).
 */
@SpringBootTest
class PermissionCoverageTests {

	private static final List<String> OPEN = List.of("/login", "/", "/webhooks/", "/widget", "/api/v1/tokens",
			"/account/", "/api/v1/me", "/error", "/v3/api-docs", "/swagger-ui", "/portal", "/vrm", "/editions");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyHandlerOutsideTheOpenDoorsNamesItsPermission() {
		List<String> unguarded = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			if (!method.getBeanType().getPackageName().startsWith("org.parlons")) {
				return;
			}
			boolean guarded = AnnotatedElementUtils.hasAnnotation(method.getMethod(), Requires.class)
					|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), Requires.class);
			boolean open = info.getPatternValues()
				.stream()
				.allMatch(p -> OPEN.stream().anyMatch(o -> o.equals("/") ? p.equals("/") : p.startsWith(o)));
			if (!guarded && !open) {
				unguarded.add(info + " " + method);
			}
		});
		assertThat(unguarded).isEmpty();
	}

}
