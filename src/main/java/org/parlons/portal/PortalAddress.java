package org.parlons.portal;

import org.parlons.platform.PlatformSettings;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where the links of mails sent outside any request point: {@code parlons.public-url},
 * else this machine (a server tried on one's own computer). Pages answering a request use
 * the request's own address instead.
 */
@Component
class PortalAddress {

	private final PlatformSettings platform;

	private final Environment environment;

	PortalAddress(PlatformSettings platform, Environment environment) {
		this.platform = platform;
		this.environment = environment;
	}

	String base() {
		if (!platform.publicUrl().isBlank()) {
			return platform.publicUrl();
		}
		return "http://localhost:" + environment.getProperty("local.server.port", "8080");
	}

}
