package org.parlons.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the configured limit (a larger one for files sent as
 * multipart/form-data) with 413 problem+json before anything reads them. Bodies sent
 * without a length (chunked) are refused too: no client of ours needs them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final long maxUploadBytes;

	private final MessageSource words;

	BodySizeLimitFilter(PlatformSettings settings, MessageSource words) {
		this.maxBytes = settings.http().maxBodyBytes();
		this.maxUploadBytes = settings.http().maxUploadBytes();
		this.words = words;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		String type = request.getContentType();
		long limit = type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") ? maxUploadBytes
				: maxBytes;
		boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
		if (length > limit || chunked) {
			response.setStatus(413);
			response.setContentType("application/problem+json");
			response.setHeader("Connection", "close");
			// before the locale resolver: the request's own languages say how to answer
			Locale reader = request.getLocale();
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "https://parlons.org/problems/body-too-large");
			problem.put("title", words.getMessage("problem.bodyTooLarge.title", null, reader));
			problem.put("status", 413);
			problem.put("detail", words.getMessage("problem.bodyTooLarge", new Object[] { limit }, reader));
			response.setCharacterEncoding("UTF-8");
			response.getWriter().write(Json.write(problem));
			return;
		}
		chain.doFilter(request, response);
	}

}
