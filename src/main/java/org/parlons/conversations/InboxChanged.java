package org.parlons.conversations;

import java.util.List;

/**
 * An inbox was created or its settings changed; {@code settings} names the settings that
 * changed (never their values: some are credentials).
 */
public record InboxChanged(long inboxId, String what, List<String> settings) {
}
