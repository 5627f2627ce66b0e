package org.parlons.platform;

import java.net.URI;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every API error into RFC 9457 problem+json, with the offending fields named.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class Problems extends ResponseEntityExceptionHandler {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Problems.class);

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.getBindingResult().getFieldErrors().forEach(e -> errors.putIfAbsent(e.getField(), e.getDefaultMessage()));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Some fields are missing or invalid: " + String.join(", ", errors.keySet()));
		problem.setType(URI.create("https://parlons.org/problems/invalid-fields"));
		problem.setTitle("Invalid fields");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * A body that is not JSON, or JSON that breaks a rule of {@link JsonInput}: the
	 * reader learns which field and why.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = "The body could not be read";
		if (ex.getMostSpecificCause() instanceof DatabindException json) {
			String path = json.getPath()
				.stream()
				.map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
				.collect(Collectors.joining("."))
				.replace(".[", "[");
			detail = json.getOriginalMessage() + (path.isEmpty() ? "" : " (at " + path + ")");
		}
		else if (ex.getMostSpecificCause() instanceof JacksonException json) {
			detail = "The body is not valid JSON: " + json.getOriginalMessage();
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(URI.create("https://parlons.org/problems/unreadable-body"));
		problem.setTitle("Unreadable body");
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException ex) {
		String state = ex.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : null;
		if (state != null && state.startsWith("22")) {
			// SQL's class 22, "data exception": a value too long, a character the
			// database cannot store, a date out of its range. The request is at fault,
			// not a conflict with other data.
			log.warn("Answered 400 for a value the database refused ({}): {}", state,
					ex.getMostSpecificCause().getMessage());
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"A value is too long, out of range or holds a character that cannot be stored.");
			problem.setType(URI.create("https://parlons.org/problems/invalid-value"));
			problem.setTitle("Invalid value");
			return ResponseEntity.badRequest().body(problem);
		}
		// The client only learns "conflict"; the operator needs the constraint to find
		// the cause.
		log.warn("Answered 409 Conflict: {}: {}", ex.getClass().getSimpleName(),
				ex.getMostSpecificCause().getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The request conflicts with existing data (a duplicate or a reference to something unknown).");
		problem.setType(URI.create("https://parlons.org/problems/conflict"));
		problem.setTitle("Conflict");
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException ex) {
		String detail = ex.getMessage();
		if (ex instanceof Refusals.Said said && getMessageSource() != null) {
			detail = getMessageSource().getMessage(said.code(), said.arguments(), detail,
					org.springframework.context.i18n.LocaleContextHolder.getLocale());
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(URI.create("https://parlons.org/problems/bad-request"));
		problem.setTitle("Bad request");
		return ResponseEntity.badRequest().body(problem);
	}

}
