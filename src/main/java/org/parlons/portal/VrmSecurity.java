package org.parlons.portal;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The third door, for those a customer gave access to: everything under {@code /vrm},
 * signed in only by a grant's {@code Authorization: Bearer} token (never an agent's
 * token, never a customer's cookie), read-only, each scope its own authority. A revoked
 * or expired grant is a 401 at the next request.
 */
@Configuration(proxyBeanMethods = false)
public class VrmSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain vrm(HttpSecurity http, Grants grants, MessageSource words) throws Exception {
		http.securityMatcher("/vrm/**")
			.authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
				.permitAll()
				.anyRequest()
				.hasAuthority("GRANTEE"))
			.addFilterAfter(new GrantTokenFilter(grants), SecurityContextHolderFilter.class)
			.securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.csrf(c -> c.disable())
			.exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
				response.setHeader("WWW-Authenticate", "Bearer realm=\"parlons-vrm\"");
				PortalSecurity.problem(request, response, words, 401, "unauthorized", "vrm.problem.token");
			})
				.accessDeniedHandler((request, response, ex) -> PortalSecurity.problem(request, response, words, 403,
						"forbidden", "vrm.problem.scope")));
		return http.build();
	}

	/** Signs the request in as the grant its Bearer token names, while it lives. */
	static final class GrantTokenFilter extends OncePerRequestFilter {

		private final Grants grants;

		GrantTokenFilter(Grants grants) {
			this.grants = grants;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String header = request.getHeader("Authorization");
			if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
				grants.holder(header.substring(7).strip()).ifPresent(holder -> {
					List<SimpleGrantedAuthority> authorities = new java.util.ArrayList<>();
					authorities.add(new SimpleGrantedAuthority("GRANTEE"));
					holder.scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
					var context = SecurityContextHolder.createEmptyContext();
					context.setAuthentication(
							UsernamePasswordAuthenticationToken.authenticated(holder, null, authorities));
					SecurityContextHolder.setContext(context);
				});
			}
			chain.doFilter(request, response);
		}

	}

}
