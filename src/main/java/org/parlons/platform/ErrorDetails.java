package org.parlons.platform;

import org.springframework.web.ErrorResponseException;

/**
 * The sentence a person should read about a refused action, for pages that show errors
 * inline.
 */
public final class ErrorDetails {

	private ErrorDetails() {
	}

	public static String of(Exception ex) {
		if (ex instanceof ErrorResponseException ere && ere.getBody().getDetail() != null) {
			return ere.getBody().getDetail();
		}
		return String.valueOf(ex.getMessage());
	}

}
