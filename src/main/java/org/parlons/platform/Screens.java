package org.parlons.platform;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request draws a screen: what the API, webhooks, the web chat and the live
 * streams serve is for programs, so what every screen's model holds need not be looked up
 * for them.
 */
public final class Screens {

	private Screens() {
	}

	public static boolean drawn(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !(path.startsWith("/api/") || path.startsWith("/webhooks/") || path.startsWith("/widget")
				|| path.startsWith("/live"));
	}

}
