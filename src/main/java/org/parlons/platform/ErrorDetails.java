package org.parlons.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The sentence a person should read about a refused action, for pages that show errors
 * inline: in the reader's language when the refusal names its sentence in the message
 * bundles ({@link InvalidRequestException#said}), else its English detail.
 */
public final class ErrorDetails {

	private ErrorDetails() {
	}

	public static String of(Exception ex) {
		if (ex instanceof Refusals.Said said) {
			MessageSource words = requestMessages();
			String told = words == null ? null
					: words.getMessage(said.code(), said.arguments(), null, LocaleContextHolder.getLocale());
			if (told != null) {
				return told;
			}
		}
		if (ex instanceof ErrorResponseException ere) {
			MessageSource words = requestMessages();
			String said = words == null ? null : words.getMessage(ere.getDetailMessageCode(),
					ere.getDetailMessageArguments(), null, LocaleContextHolder.getLocale());
			if (said != null) {
				return said;
			}
			if (ere.getBody().getDetail() != null) {
				return ere.getBody().getDetail();
			}
		}
		return String.valueOf(ex.getMessage());
	}

	/** The bundles of the application serving the current request, if there is one. */
	private static @Nullable MessageSource requestMessages() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
			return RequestContextUtils.findWebApplicationContext(request.getRequest());
		}
		return null;
	}

}
