package org.parlons.platform;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The controllers' request mappings, looked up without testing every one of them in full.
 * For a path with variables ({@code /api/v1/inboxes/{id}/inbound}) Spring MVC tests each
 * of the application's mappings in turn (spring-framework#24901, #34461), and each test
 * first reads the request's method and CORS headers through the security filters' request
 * wrappers: a third of the server's time for one inbound message per request. Here a
 * mapping is tested only when the path starts with the literal part of one of its
 * patterns; the test itself is Spring's.
 */
@Configuration(proxyBeanMethods = false)
class PrefixedRequestMappings {

	@Bean
	WebMvcRegistrations prefixedMappings() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new Mapping();
			}
		};
	}

	/**
	 * Spring's mapping, with the literal prefix of each mapping's patterns tested first.
	 */
	static final class Mapping extends RequestMappingHandlerMapping {

		private static final ThreadLocal<@Nullable String> PATH = new ThreadLocal<>();

		private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();

		@Override
		protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
				throws Exception {
			// an encoded path may match a literal once decoded: those are left to Spring
			// alone
			PATH.set(lookupPath.indexOf('%') < 0 ? lookupPath : null);
			try {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			finally {
				PATH.remove();
			}
		}

		@Override
		protected @Nullable RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			String path = PATH.get();
			if (path != null && !startsWithAny(path, prefixes.computeIfAbsent(info, Mapping::literalPrefixes))) {
				return null;
			}
			return super.getMatchingMapping(info, request);
		}

		private static boolean startsWithAny(String path, String[] prefixes) {
			for (String prefix : prefixes) {
				if (path.startsWith(prefix)) {
					return true;
				}
			}
			return false;
		}

		/**
		 * What each pattern's paths start with: its text up to the first variable or
		 * wildcard.
		 */
		static String[] literalPrefixes(RequestMappingInfo info) {
			PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
			Set<String> values = patterns == null ? Set.of() : patterns.getPatternValues();
			if (values.isEmpty()) {
				return new String[] { "" };
			}
			return values.stream().map(Mapping::literalPrefix).toArray(String[]::new);
		}

		static String literalPrefix(String pattern) {
			int end = pattern.length();
			for (char special : new char[] { '{', '*', '?' }) {
				int at = pattern.indexOf(special);
				if (at >= 0 && at < end) {
					end = at;
				}
			}
			return pattern.substring(0, end);
		}

	}

}
