package org.parlons.platform;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A well-formed request that breaks a rule of the domain (422), or a conflict with existing data (409).
 */
public class InvalidRequestException extends ErrorResponseException {

	public InvalidRequestException(String detail) {
		this(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request", "Invalid request", detail);
	}

	private InvalidRequestException(HttpStatus status, String type, String title, String detail) {
		super(status, problem(status, type, title, detail), null);
	}

	public static InvalidRequestException conflict(String detail) {
		return new InvalidRequestException(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
	}

	public static InvalidRequestException forbidden(String detail) {
		return new InvalidRequestException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://parlons.org/problems/" + type));
		problem.setTitle(title);
		return problem;
	}

}
