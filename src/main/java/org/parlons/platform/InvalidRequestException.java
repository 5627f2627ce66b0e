package org.parlons.platform;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A well-formed request that breaks a rule of the domain (422), or a conflict with
 * existing data (409).
 */
public class InvalidRequestException extends ErrorResponseException {

	public InvalidRequestException(String detail) {
		this(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request", "Invalid request", detail);
	}

	private InvalidRequestException(HttpStatus status, String type, String title, String detail) {
		super(status, problem(status, type, title, detail), null);
	}

	private InvalidRequestException(HttpStatus status, String type, String title, String detail, String code,
			Object[] arguments) {
		super(status, problem(status, type, title, detail), null, code, arguments);
	}

	/**
	 * A refusal said in the reader's language: {@code code} names the sentence in the
	 * message bundles (with {@code arguments}), {@code english} is the detail where no
	 * bundle has it.
	 */
	public static InvalidRequestException said(String code, String english, Object... arguments) {
		return new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request", "Invalid request",
				english, code, arguments);
	}

	/** A conflict with existing data, said as {@link #said} says it. */
	public static InvalidRequestException conflictSaid(String code, String english, Object... arguments) {
		return new InvalidRequestException(HttpStatus.CONFLICT, "conflict", "Conflict", english, code, arguments);
	}

	/** A refusal for want of a right, said as {@link #said} says it. */
	public static InvalidRequestException forbiddenSaid(String code, String english, Object... arguments) {
		return new InvalidRequestException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", english, code, arguments);
	}

	/**
	 * A domain refusal as a request's: a {@link Refusals.Conflict} (or any illegal state)
	 * is a conflict, anything else a broken rule; said in the reader's language when it
	 * names its sentence.
	 */
	/**
	 * Runs the call; a refusal of the domain ({@link Refusals}) becomes a 422 or a 409
	 * said in the reader's language.
	 */
	public static <T> T answering(java.util.function.Supplier<T> call) {
		try {
			return call.get();
		}
		catch (Refusals.Invalid | Refusals.Conflict ex) {
			throw from(ex);
		}
	}

	public static InvalidRequestException from(RuntimeException ex) {
		boolean conflict = ex instanceof IllegalStateException;
		String english = String.valueOf(ex.getMessage());
		if (ex instanceof Refusals.Said said) {
			return conflict ? conflictSaid(said.code(), english, said.arguments())
					: said(said.code(), english, said.arguments());
		}
		return conflict ? conflict(english) : new InvalidRequestException(english);
	}

	public static InvalidRequestException conflict(String detail) {
		return new InvalidRequestException(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
	}

	/**
	 * A reply that a rule warns about: not sent until the agent confirms, the warnings
	 * listed in the problem's {@code warnings}.
	 */
	public static InvalidRequestException warnings(List<String> warnings) {
		InvalidRequestException ex = new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, "reply-warnings",
				"Check before sending", "Check before sending: " + String.join("; ", warnings)
						+ ". Send again with \"acceptWarnings\": true to send it as it is.");
		ex.getBody().setProperty("warnings", warnings);
		return ex;
	}

	/** The warnings of a {@link #warnings} problem, empty for any other. */
	public static List<String> warningsOf(Throwable ex) {
		if (ex instanceof ErrorResponseException e && e.getBody().getProperties() != null
				&& e.getBody().getProperties().get("warnings") instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of();
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
