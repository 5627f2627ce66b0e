package org.parlons.platform;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The server's address as people and networks reach it, for links written into mails,
 * posts and feeds: {@code parlons.public-url}, else this machine's port (development).
 */
@Component
public class PublicAddress {

	private final PlatformSettings platform;

	private final Environment environment;

	PublicAddress(PlatformSettings platform, Environment environment) {
		this.platform = platform;
		this.environment = environment;
	}

	/** The base, without a trailing slash. */
	public String base() {
		return platform.publicUrl().isBlank()
				? "http://localhost:" + environment.getProperty("local.server.port", "8080")
				: platform.publicUrl().replaceAll("/+$", "");
	}

}
