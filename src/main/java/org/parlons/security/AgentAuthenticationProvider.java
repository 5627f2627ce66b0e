package org.parlons.security;

import java.time.Duration;

import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks an agent's email and password, refusing locked names before spending a hash on
 * them.
 */
class AgentAuthenticationProvider implements AuthenticationProvider {

	// Compared against when the email is unknown, so timing does not tell which emails
	// exist.
	private static final String DUMMY_HASH = "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOa8ek4mSRNnmVUVExH6lEhr8Zb0Tk8D.";

	private final Agents agents;

	private final PasswordEncoder passwords;

	private final LoginThrottle throttle;

	AgentAuthenticationProvider(Agents agents, PasswordEncoder passwords, LoginThrottle throttle) {
		this.agents = agents;
		this.passwords = passwords;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String email = authentication.getName();
		String address = authentication.getDetails() instanceof WebAuthenticationDetails web
				&& web.getRemoteAddress() != null ? web.getRemoteAddress() : "unknown";
		Duration wait = throttle.waitFor(email, address);
		if (!wait.isZero()) {
			throw new LockedException("Too many failed sign-ins from this address; try again in "
					+ Math.max(1, wait.toSeconds()) + " second(s)");
		}
		String password = String.valueOf(authentication.getCredentials());
		var agent = agents.findByEmail(email);
		boolean matches = passwords.matches(password, agent.map(a -> a.passwordHash()).orElse(DUMMY_HASH));
		if (agent.isEmpty() || !matches) {
			throttle.failed(email, address);
			throw new BadCredentialsException("Wrong email or password");
		}
		if (!agent.get().active()) {
			throw new DisabledException("This account is deactivated");
		}
		throttle.succeeded(email, address);
		AgentPrincipal principal = new AgentPrincipal(agent.get());
		principal.eraseCredentials();
		return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
