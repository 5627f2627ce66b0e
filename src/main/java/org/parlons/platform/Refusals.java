package org.parlons.platform;

/**
 * Refusals raised by domain objects that know no request or language (a conversation
 * already resolved, a label too long): each names its sentence in the message bundles and
 * its arguments, with the English detail beside. Where a request is answered they become
 * {@link InvalidRequestException}s said in the reader's language
 * ({@link InvalidRequestException#from}), and {@link ErrorDetails} tells them on pages.
 */
public final class Refusals {

	private Refusals() {
	}

	/** A refusal with its sentence in the bundles. */
	public interface Said {

		String code();

		Object[] arguments();

	}

	/** The state forbids it (409 where a request asked). */
	public static final class Conflict extends IllegalStateException implements Said {

		private final String code;

		private final Object[] arguments;

		Conflict(String code, String english, Object[] arguments) {
			super(english);
			this.code = code;
			this.arguments = arguments.clone();
		}

		@Override
		public String code() {
			return code;
		}

		@Override
		public Object[] arguments() {
			return arguments.clone();
		}

	}

	/** A rule of the domain is broken (422 where a request asked). */
	public static final class Invalid extends IllegalArgumentException implements Said {

		private final String code;

		private final Object[] arguments;

		Invalid(String code, String english, Object[] arguments) {
			super(english);
			this.code = code;
			this.arguments = arguments.clone();
		}

		@Override
		public String code() {
			return code;
		}

		@Override
		public Object[] arguments() {
			return arguments.clone();
		}

	}

	public static Conflict conflict(String code, String english, Object... arguments) {
		return new Conflict(code, english, arguments);
	}

	public static Invalid invalid(String code, String english, Object... arguments) {
		return new Invalid(code, english, arguments);
	}

}
