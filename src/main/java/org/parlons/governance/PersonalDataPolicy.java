package org.parlons.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import org.parlons.conversations.ReplyPolicy;
import org.parlons.conversations.Visibility;
import org.parlons.customers.CustomerProfiles;
import org.springframework.stereotype.Component;

/**
 * Code of conduct: personal data never goes into a public reply, where everyone sees
 * everything (seed 001). Phone numbers (libphonenumber), email addresses and IBANs are
 * refused, with what was found, so the agent moves to a private message instead.
 */
@Component
class PersonalDataPolicy implements ReplyPolicy {

	private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");

	private static final Pattern IBAN = Pattern
		.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b");

	private final CustomerProfiles profiles;

	PersonalDataPolicy(CustomerProfiles profiles) {
		this.profiles = profiles;
	}

	@Override
	public Verdict review(Draft draft) {
		if (draft.visibility() != Visibility.PUBLIC) {
			return Verdict.ALLOW;
		}
		List<String> found = found(draft.text(), profiles.defaultRegion());
		return found.isEmpty() ? Verdict.ALLOW : new Verdict.Block("a public reply may not contain personal data ("
				+ String.join(", ", found) + "); answer in a private message");
	}

	static List<String> found(String text, String region) {
		List<String> found = new ArrayList<>();
		for (PhoneNumberMatch match : PhoneNumberUtil.getInstance().findNumbers(text, region)) {
			found.add("phone number " + match.rawString());
		}
		var email = EMAIL.matcher(text);
		while (email.find()) {
			found.add("email address " + email.group());
		}
		var iban = IBAN.matcher(text);
		while (iban.find()) {
			found.add("IBAN " + iban.group());
		}
		return found;
	}

}
