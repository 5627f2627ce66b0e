package org.parlons.platform;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Something the caller asked for does not exist, or is not theirs to see.
 */
public class NotFoundException extends ErrorResponseException {

	public NotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, problem(detail), null);
	}

	private NotFoundException(String detail, String code, Object[] arguments) {
		super(HttpStatus.NOT_FOUND, problem(detail), null, code, arguments);
	}

	/**
	 * Not found, said in the reader's language as {@link InvalidRequestException#said}
	 * says it.
	 */
	public static NotFoundException said(String code, String english, Object... arguments) {
		return new NotFoundException(english, code, arguments);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
		problem.setType(URI.create("https://parlons.org/problems/not-found"));
		problem.setTitle("Not found");
		return problem;
	}

}
