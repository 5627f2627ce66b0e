package org.parlons.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Requires;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks a handler's {@link Requires} before its request is read (before its body is
 * parsed and validated): a caller without the permission is refused with 403, by the
 * API's problem+json or the pages' error, whatever they sent.
 */
final class PermissionCheck implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		Requires requires = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), Requires.class);
		if (requires == null) {
			requires = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), Requires.class);
		}
		if (requires == null) {
			return true;
		}
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !(auth.getPrincipal() instanceof AgentPrincipal me)) {
			throw new AccessDeniedException("Sign in first");
		}
		if (!me.may(requires.value())) {
			throw new AccessDeniedException("Your role does not allow this (" + requires.value().api() + ")");
		}
		return true;
	}

}
