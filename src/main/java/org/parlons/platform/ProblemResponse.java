package org.parlons.platform;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A problem+json answer built in place, for endpoints that answer errors without throwing
 * (webhooks that must log and refuse).
 */
public final class ProblemResponse {

	private ProblemResponse() {
	}

	public static ResponseEntity<ProblemDetail> of(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://parlons.org/problems/" + type));
		problem.setTitle(title);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
