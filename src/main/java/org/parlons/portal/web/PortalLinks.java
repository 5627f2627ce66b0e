package org.parlons.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.parlons.platform.PlatformSettings;
import org.parlons.portal.PortalSecurity;
import org.parlons.portal.PortalSignIn;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where links to the customer space point, and the session cookie's coming and going.
 */
@Component
class PortalLinks {

	private final PlatformSettings platform;

	private final PortalSignIn signIn;

	PortalLinks(PlatformSettings platform, PortalSignIn signIn) {
		this.platform = platform;
		this.signIn = signIn;
	}

	/**
	 * The server as customers reach it: {@code parlons.public-url} when set, else as this
	 * request reached it (forwarded headers heeded).
	 */
	String base(HttpServletRequest request) {
		if (!platform.publicUrl().isBlank()) {
			return platform.publicUrl();
		}
		return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
	}

	/** Spends the link and sets the session cookie; false when the link was no good. */
	boolean signIn(String token, HttpServletRequest request, HttpServletResponse response) {
		return signIn.signIn(token).map(session -> {
			response.addHeader(HttpHeaders.SET_COOKIE,
					PortalSecurity.sessionCookie(request, session, signIn.sessionTerm()).toString());
			return true;
		}).orElse(false);
	}

	void signOut(HttpServletRequest request, HttpServletResponse response) {
		String token = PortalSecurity.sessionToken(request);
		if (token != null) {
			signIn.signOut(token);
		}
		response.addHeader(HttpHeaders.SET_COOKIE, PortalSecurity.expiredCookie(request).toString());
	}

}
