package org.parlons.security;

import jakarta.servlet.DispatcherType;

import org.parlons.agents.Agents;
import org.parlons.agents.ApiTokens;
import org.parlons.agents.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Three doors: the JSON API (Basic or Bearer, stateless), channel webhooks (each verifies
 * its own signature) and the agent UI (form sign-in, session, CSRF).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

	private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	private static final String WIDGET_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'";

	/**
	 * Requests are observed (their timings are metrics); each of their dozen security
	 * filters only on request: a timer per filter per request cost more than the metrics
	 * were worth (BENCHMARKS.md, "One message per request").
	 */
	@Bean
	SecurityObservationSettings securityObservations(SecuritySettings settings) {
		return settings.observeFilters() ? SecurityObservationSettings.withDefaults().build()
				: SecurityObservationSettings.noObservations();
	}

	@Bean
	AuthenticationManager authenticationManager(Agents agents, PasswordEncoder passwords, LoginThrottle throttle,
			org.springframework.context.ApplicationEventPublisher events) {
		ProviderManager manager = new ProviderManager(new AgentAuthenticationProvider(agents, passwords, throttle));
		manager.setEraseCredentialsAfterAuthentication(true);
		// Failed sign-ins become events, for the audit log (successful form sign-ins are
		// published by the form).
		manager.setAuthenticationEventPublisher(
				new org.springframework.security.authentication.DefaultAuthenticationEventPublisher(events));
		return manager;
	}

	private static LoginUrlAuthenticationEntryPoint relativeLogin() {
		LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
		login.setFavorRelativeUris(true);
		return login;
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, AuthenticationManager manager) throws Exception {
		var entryPoint = ProblemResponses.unauthorized();
		http.securityMatcher("/api/**", "/actuator/prometheus", "/actuator/metrics/**", "/actuator/info")
			.authenticationManager(manager)
			.authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasAuthority(Permission.READ_METRICS.name())
				.anyRequest()
				.authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
			.addFilterBefore(new BearerTokenFilter(tokens, entryPoint), BasicAuthenticationFilter.class)
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.exceptionHandling(
					e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(ProblemResponses.forbidden()));
		return http.build();
	}

	/**
	 * The web chat widget runs on the company's own site: its script and API are public,
	 * called across origins without cookies (the visitor token travels in a header), and
	 * its preview page allows our scripts only.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain widget(HttpSecurity http) throws Exception {
		org.springframework.web.cors.CorsConfiguration cors = new org.springframework.web.cors.CorsConfiguration();
		cors.addAllowedOriginPattern("*");
		cors.setAllowedMethods(java.util.List.of("GET", "POST", "OPTIONS"));
		cors.setAllowedHeaders(java.util.List.of("Content-Type", "X-Visitor-Token"));
		cors.setAllowCredentials(false);
		cors.setMaxAge(3600L);
		var source = new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/widget/api/**", cors);
		source.registerCorsConfiguration("/widget.js", cors);
		http.securityMatcher("/widget/**", "/widget.js")
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.cors(c -> c.configurationSource(source))
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(WIDGET_CSP))
				.frameOptions(f -> f.disable()));
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
		http.securityMatcher("/webhooks/**", "/actuator/health/**", "/actuator/health")
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	/**
	 * The API's description: for signed-in agents (a session, a token or Basic), or for
	 * everyone when {@code parlons.security.public-api-docs} says so.
	 */
	@Bean
	@Order(4)
	SecurityFilterChain apiDocs(HttpSecurity http, ApiTokens tokens, AuthenticationManager manager,
			SecuritySettings settings) throws Exception {
		var entryPoint = ProblemResponses.unauthorized();
		http.securityMatcher("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html")
			.authenticationManager(manager)
			.authorizeHttpRequests(auth -> {
				if (settings.publicApiDocs()) {
					auth.anyRequest().permitAll();
				}
				else {
					auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
						.permitAll()
						.anyRequest()
						.authenticated();
				}
			})
			.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
			.addFilterBefore(new BearerTokenFilter(tokens, entryPoint), BasicAuthenticationFilter.class)
			.csrf(csrf -> csrf.disable())
			.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint));
		return http.build();
	}

	@Bean
	@Order(5)
	SecurityFilterChain web(HttpSecurity http, AuthenticationManager manager, Agents agents) throws Exception {
		http.authenticationManager(manager)
			.addFilterAfter(new CurrentAgentFilter(agents), SecurityContextHolderFilter.class)
			.authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/img/**", "/favicon.ico", "/error")
				.permitAll()
				// the published editions: their feeds and public pages
				.requestMatchers("/editions", "/editions/*", "/editions.atom", "/editions.json")
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasAuthority(Permission.READ_METRICS.name())
				.anyRequest()
				.authenticated())
			.formLogin(form -> form.loginPage("/login")
				.defaultSuccessUrl("/inbox")
				.failureHandler((request, response, ex) -> response.sendRedirect(
						request.getContextPath() + (ex instanceof LockedException ? "/login?locked" : "/login?error")))
				.permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			// "/login", not http://<whatever Host the request named>/login
			.exceptionHandling(e -> e.authenticationEntryPoint(relativeLogin()))
			.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
				.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

}
