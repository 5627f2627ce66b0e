package org.parlons.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.parlons.agents.Agent;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed-in session answers for the agent as they are now, not as they were at sign-in:
 * each request of the UI reads the agent again, so a role taken away, a grant withdrawn
 * or a deactivation applies to the very next request of every open session (a deactivated
 * agent's session ends).
 */
final class CurrentAgentFilter extends OncePerRequestFilter {

	private final Agents agents;

	CurrentAgentFilter(Agents agents) {
		this.agents = agents;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof AgentPrincipal signedIn) {
			Agent now = agents.findById(signedIn.id()).filter(Agent::active).orElse(null);
			if (now == null) {
				SecurityContextHolder.clearContext();
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
			}
			else {
				AgentPrincipal current = new AgentPrincipal(now);
				current.eraseCredentials();
				SecurityContext context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(
						UsernamePasswordAuthenticationToken.authenticated(current, null, current.getAuthorities()));
				SecurityContextHolder.setContext(context);
			}
		}
		chain.doFilter(request, response);
	}

}
