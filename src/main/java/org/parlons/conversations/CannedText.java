package org.parlons.conversations;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.parlons.platform.InvalidRequestException;

/**
 * The variables a canned reply or a macro's reply may hold,
 * {@code {{customer.firstName}}} and its kind, filled for one conversation. An unknown
 * variable is refused when the text is saved, so none is ever sent as written.
 */
public final class CannedText {

	/** Every variable, in the order the help lists them. */
	public static final List<String> VARIABLES = List.of("customer.firstName", "customer.name", "customer.email",
			"agent.firstName", "agent.name", "inbox.name", "conversation.id");

	private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z.]+)\\s*}}");

	private CannedText() {
	}

	/** Refuses a text that names a variable this class does not fill. */
	public static void check(String text) {
		Set<String> unknown = new LinkedHashSet<>();
		Matcher m = VARIABLE.matcher(text);
		while (m.find()) {
			if (!VARIABLES.contains(m.group(1))) {
				unknown.add(m.group(1));
			}
		}
		if (!unknown.isEmpty()) {
			throw InvalidRequestException
				.said("canned.refused.variables",
						"text: unknown variable(s) " + String.join(", ", unknown) + "; known: "
								+ String.join(", ", VARIABLES),
						String.join(", ", unknown), String.join(", ", VARIABLES));
		}
	}

	/** The text with each variable replaced by its value (empty when there is none). */
	public static String fill(String text, Map<String, String> values) {
		return VARIABLE.matcher(text).replaceAll(r -> Matcher.quoteReplacement(values.getOrDefault(r.group(1), "")));
	}

	/** The first word of a name: "Camille" of "Camille Durand". */
	public static String firstName(String name) {
		String stripped = name.strip();
		int space = stripped.indexOf(' ');
		return space < 0 ? stripped : stripped.substring(0, space);
	}

}
