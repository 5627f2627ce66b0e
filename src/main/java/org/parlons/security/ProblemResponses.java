package org.parlons.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Authentication and authorisation failures of the API as problem+json.
 */
final class ProblemResponses {

	private ProblemResponses() {
	}

	static AuthenticationEntryPoint unauthorized() {
		return (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Basic realm=\"Parlons\", Bearer");
			write(response, 401, "unauthorized", "Unauthorized", ex.getMessage());
		};
	}

	static AccessDeniedHandler forbidden() {
		return (request, response, ex) -> write(response, 403, "forbidden", "Forbidden",
				"Your role does not allow this");
	}

	static void write(HttpServletResponse response, int status, String type, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"https://parlons.org/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":"
					+ status + ",\"detail\":\"" + escape(detail) + "\"}");
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ");
	}

}
