package org.parlons.channels.email;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Crypto;
import org.parlons.platform.SecretBox;
import org.springframework.stereotype.Component;

/**
 * The token our replies put in their subject so an answer threads back even without its
 * headers: {@code [#123-1a2b3c4d]}, the conversation and a tag only this installation can
 * make. A token without its tag, or with a wrong one, is ignored: nobody can write a
 * subject that slips a mail into someone else's conversation.
 */
@Component
class ConversationTokens {

	/** Any token, signed or not (an old reply's), as subjects are cleaned of them. */
	static final Pattern TOKEN = Pattern.compile("\\[#(\\d{1,18})(?:-([0-9a-f]{8}))?\\]");

	private final SecretBox secrets;

	ConversationTokens(SecretBox secrets) {
		this.secrets = secrets;
	}

	String of(long conversationId) {
		return "[#" + conversationId + "-" + tag(conversationId) + "]";
	}

	/** The conversation the subject's last correctly signed token names. */
	@Nullable Long in(String subject) {
		Matcher m = TOKEN.matcher(subject);
		Long found = null;
		while (m.find()) {
			long id = Long.parseLong(m.group(1));
			if (m.group(2) != null && Crypto.sameText(tag(id), m.group(2))) {
				found = id;
			}
		}
		return found;
	}

	private String tag(long conversationId) {
		return secrets.tag("conversation:" + conversationId, 8);
	}

}
