package org.parlons.platform;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the servlet container's error dispatch answers, in place of Spring Boot's
 * "Whitelabel" page: problem+json for programs (a path no controller takes, a method it
 * does not take, anything that failed before a controller ran), a page in the reader's
 * language with a way back for browsers.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ErrorResponses implements ErrorController {

	private final MessageSource messages;

	private final ErrorAttributes errors;

	ErrorResponses(MessageSource messages, ErrorAttributes errors) {
		this.messages = messages;
		this.errors = errors;
	}

	@RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView page(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		HttpStatus status = statusOf(request);
		ModelAndView page = new ModelAndView("error", status);
		page.addObject("status", status.value());
		page.addObject("reason", messages.getMessage(key(status), null, locale));
		return page;
	}

	@RequestMapping
	ResponseEntity<ProblemDetail> problem(HttpServletRequest request, Locale locale) {
		HttpStatus status = statusOf(request);
		String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
		ResponseEntity<ProblemDetail> answer = ProblemResponse.of(status, slug(status), status.getReasonPhrase(),
				detail(request, status, path));
		answer.getBody().setInstance(URI.create(path.startsWith("/") ? path : "/"));
		return answer;
	}

	private String detail(HttpServletRequest request, HttpStatus status, String path) {
		Throwable error = errors.getError(new ServletWebRequest(request));
		return switch (status) {
			case NOT_FOUND -> "Nothing is at " + path + ".";
			case METHOD_NOT_ALLOWED -> error instanceof HttpRequestMethodNotSupportedException e
					? path + " does not take " + e.getMethod() + "; it takes " + e.getSupportedHttpMethods() + "."
					: path + " does not take this method.";
			default -> {
				Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
				yield message == null || message.toString().isBlank() ? status.getReasonPhrase() : message.toString();
			}
		};
	}

	private static String slug(HttpStatus status) {
		return status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
	}

	private static String key(HttpStatus status) {
		return switch (status.value()) {
			case 400, 401, 403, 404, 405, 413, 415, 429 -> "error." + status.value();
			default -> status.is4xxClientError() ? "error.4xx" : "error.5xx";
		};
	}

	private static HttpStatus statusOf(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer n ? HttpStatus.resolve(n) : null;
		return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
	}

}
