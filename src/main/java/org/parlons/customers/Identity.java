package org.parlons.customers;

import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import org.parlons.platform.Refusals;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * One way of recognising a person: an email, a phone number (E.164), a handle on a
 * network, or an id that one channel account gave them.
 *
 * @param kind "email", "phone", "handle" or "external"
 * @param namespace for a handle, its network; for an external id, the channel account
 * that gave it ("inbox:3"); empty otherwise
 * @param value the address, number, handle or id
 */
public record Identity(Kind kind, String namespace, String value) {

	/** The families of identities, from the most to the least portable. */
	public enum Kind {

		EMAIL, PHONE, HANDLE, EXTERNAL;

		public String api() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	public Identity {
		if (value.isBlank()) {
			throw Refusals.invalid("identity.empty", "An identity needs a value");
		}
		if (value.length() > 320) {
			throw Refusals.invalid("identity.tooLong", "An identity value is limited to 320 characters");
		}
	}

	public static Identity email(String email) {
		String clean = email.trim().toLowerCase(Locale.ROOT);
		if (!clean.matches("[^@\\s]+@[^@\\s]+")) {
			throw Refusals.invalid("identity.badEmail", "'" + email + "' is not an email address", email.strip());
		}
		return new Identity(Kind.EMAIL, "", clean);
	}

	/**
	 * A phone number in E.164, read with the installation's default region when it has no
	 * prefix.
	 */
	public static Identity phone(String number, String defaultRegion) {
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		try {
			PhoneNumber parsed = util.parse(number, defaultRegion);
			if (!util.isPossibleNumber(parsed)) {
				throw Refusals.invalid("identity.badPhone", "'" + number + "' is not a possible phone number",
						number.strip());
			}
			return new Identity(Kind.PHONE, "", util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
		}
		catch (NumberParseException ex) {
			throw Refusals.invalid("identity.badPhone", "'" + number + "' is not a phone number: " + ex.getMessage(),
					number.strip());
		}
	}

	public static Identity handle(String network, String handle) {
		String clean = handle.trim().toLowerCase(Locale.ROOT);
		return new Identity(Kind.HANDLE, network, clean.startsWith("@") ? clean.substring(1) : clean);
	}

	/**
	 * An id that only makes sense inside one channel account (a page-scoped id, an API
	 * user id).
	 */
	public static Identity external(String namespace, String id) {
		return new Identity(Kind.EXTERNAL, namespace, id.trim());
	}

	/**
	 * The key a web chat gives a visitor who did not say who they are: it identifies a
	 * browser, and names no one.
	 */
	public boolean anonymous() {
		return kind == Kind.EXTERNAL && namespace.startsWith(ANONYMOUS_PREFIX);
	}

	/**
	 * The namespace prefix of {@link #anonymous} identities ("widget:" and the inbox).
	 */
	public static final String ANONYMOUS_PREFIX = "widget:";

	public String label() {
		return label(namespace);
	}

	/** The label with its namespace said as {@code where} ("Formulaire de contact"). */
	public String label(String where) {
		return switch (kind) {
			case EMAIL, PHONE -> value;
			case HANDLE -> "@" + value + " (" + where + ")";
			case EXTERNAL -> value + " (" + where + ")";
		};
	}

}
