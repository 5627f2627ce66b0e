package org.parlons.portal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Json;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The customers' door, apart from the agents': everything under {@code /portal}, signed
 * in by the {@value #COOKIE} cookie (a session of {@link PortalAccess}, scoped to
 * {@code /portal}, HttpOnly, SameSite=Lax), never by an agent's session, password or
 * token. The pages' forms carry a CSRF token; the JSON API takes JSON only, which no
 * cross-site form can send.
 */
@Configuration(proxyBeanMethods = false)
public class PortalSecurity {

	static final String COOKIE = "parlons-portal";

	static final String PATH = "/portal";

	private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	private static final String[] OPEN = { "/portal/sign-in", "/portal/sign-in/**", "/portal/api/v1/sign-in",
			"/portal/rate/**", "/portal/receipt-keys.json", "/portal/unsubscribe/**", "/portal/mediator/**" };

	@Bean
	@Order(0)
	SecurityFilterChain portal(HttpSecurity http, PortalSignIn signIn, MessageSource words) throws Exception {
		RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + PATH + "/api/");
		AuthenticationEntryPoint apiEntry = (request, response, ex) -> problem(request, response, words, 401,
				"unauthorized", "portal.problem.signIn");
		AuthenticationEntryPoint pageEntry = (request, response, ex) -> response
			.sendRedirect(request.getContextPath() + PATH + "/sign-in");
		AccessDeniedHandler denied = (request, response, ex) -> {
			if (api.matches(request)) {
				problem(request, response, words, 403, "forbidden", "portal.problem.forbidden");
			}
			else {
				response.sendError(403);
			}
		};
		CookieCsrfTokenRepository csrf = CookieCsrfTokenRepository.withHttpOnlyFalse();
		csrf.setCookiePath(PATH);
		csrf.setCookieName("parlons-portal-csrf");
		http.securityMatcher(PATH, PATH + "/**")
			.authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(OPEN)
				.permitAll()
				.anyRequest()
				.hasAuthority(PortalCustomer.AUTHORITY))
			.addFilterAfter(new SessionCookieFilter(signIn), SecurityContextHolderFilter.class)
			.addFilterBefore(new JsonOnlyFilter(words), SecurityContextHolderFilter.class)
			.securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.csrf(c -> c.csrfTokenRepository(csrf).ignoringRequestMatchers(api))
			.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(apiEntry, api)
				.defaultAuthenticationEntryPointFor(pageEntry, request -> true)
				.accessDeniedHandler(denied))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
				.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	/** The session cookie a sign-in sets. */
	public static ResponseCookie sessionCookie(HttpServletRequest request, String token, java.time.Duration term) {
		return ResponseCookie.from(COOKIE, token)
			.path(request.getContextPath() + PATH)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.maxAge(term)
			.build();
	}

	/** The cookie that ends a session in the browser. */
	public static ResponseCookie expiredCookie(HttpServletRequest request) {
		return ResponseCookie.from(COOKIE, "").path(request.getContextPath() + PATH).httpOnly(true).maxAge(0).build();
	}

	public static @Nullable String sessionToken(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (COOKIE.equals(cookie.getName())) {
					return cookie.getValue();
				}
			}
		}
		return null;
	}

	static void problem(HttpServletRequest request, HttpServletResponse response, MessageSource words, int status,
			String type, String code) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "https://parlons.org/problems/" + type);
		body.put("title", org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
		body.put("status", status);
		body.put("detail", words.getMessage(code, null, code, RequestContextUtils.getLocale(request)));
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(Json.write(body));
	}

	/**
	 * The JSON API changes nothing for a request that is not JSON: no cross-site form can
	 * send JSON, so the session cookie cannot be borrowed by another site's page.
	 */
	static final class JsonOnlyFilter extends OncePerRequestFilter {

		private final MessageSource words;

		JsonOnlyFilter(MessageSource words) {
			this.words = words;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String method = request.getMethod();
			// no cross-site form sends DELETE, and a cross-site script cannot without
			// CORS
			boolean changes = !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
					|| "DELETE".equals(method));
			boolean api = request.getRequestURI().startsWith(request.getContextPath() + PATH + "/api/");
			String type = request.getContentType();
			if (changes && api
					&& (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))) {
				problem(request, response, words, 415, "unsupported-media-type", "portal.problem.json");
				return;
			}
			chain.doFilter(request, response);
		}

	}

	/** Signs the request in as the customer whose live session the cookie names. */
	static final class SessionCookieFilter extends OncePerRequestFilter {

		private final PortalSignIn signIn;

		SessionCookieFilter(PortalSignIn signIn) {
			this.signIn = signIn;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String token = sessionToken(request);
			if (token != null) {
				signIn.session(token).ifPresent(customer -> {
					var auth = UsernamePasswordAuthenticationToken.authenticated(customer, null,
							List.of(new SimpleGrantedAuthority(PortalCustomer.AUTHORITY)));
					var context = SecurityContextHolder.createEmptyContext();
					context.setAuthentication(auth);
					SecurityContextHolder.setContext(context);
				});
			}
			chain.doFilter(request, response);
		}

	}

}
