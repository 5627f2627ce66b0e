package org.parlons.agents.internal;

import org.parlons.platform.Crypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.parlons.agents.AgentRegistration;
import org.parlons.agents.Agents;
import org.parlons.agents.Mandate;
import org.parlons.agents.Role;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On an empty database, creates the first administrator from the environment, or with a
 * password generated and printed once.
 */
@Component
@Order(0)
class FirstAdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdminBootstrap.class);

	private final Agents agents;

	private final AgentRegistration registration;

	private final String email;

	private final String password;

	FirstAdminBootstrap(Agents agents, AgentRegistration registration, AdminSettings settings) {
		this.agents = agents;
		this.registration = registration;
		this.email = settings.email();
		this.password = settings.password();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (agents.count() > 0) {
			return;
		}
		boolean generated = password.isBlank();
		String secret = generated ? generate() : password;
		try {
			registration.register(email, "Administrator", secret, Role.ADMIN, Mandate.NONE);
		}
		catch (RuntimeException refused) {
			if (agents.count() == 0) {
				throw refused;
			}
			// several nodes started together on an empty database: another one made it
			// (its row seen as a duplicate key, or as an address already taken)
			log.info("First administrator {} made by another node", email);
			return;
		}
		if (generated) {
			log.warn(
					"\n\n  First administrator created: {}  password: {}\n  (shown once; change it after signing in)\n",
					email, secret);
		}
		else {
			log.info("First administrator created: {}", email);
		}
	}

	private static String generate() {
		return Crypto.randomToken(15);
	}

}
