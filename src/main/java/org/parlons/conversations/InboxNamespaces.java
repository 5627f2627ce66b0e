package org.parlons.conversations;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.parlons.customers.NamespaceNames;
import org.parlons.platform.ReloadedCache;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Names the namespaces of the ids inboxes give customers ("inbox:3", "widget:3",
 * "site:3") by their inbox's name, deleted inboxes included.
 */
@Component
class InboxNamespaces implements NamespaceNames {

	private final Inboxes inboxes;

	private final ReloadedCache<Map<Long, String>> names = new ReloadedCache<>(this::load);

	InboxNamespaces(Inboxes inboxes) {
		this.inboxes = inboxes;
	}

	@Override
	public Optional<String> nameOf(String namespace) {
		int colon = namespace.indexOf(':');
		if (colon < 0 || !namespace.substring(colon + 1).matches("\\d{1,18}")) {
			return Optional.empty();
		}
		String kind = namespace.substring(0, colon);
		if (!kind.equals("inbox") && !kind.equals("widget") && !kind.equals("site")) {
			return Optional.empty();
		}
		return Optional.ofNullable(names.get().get(Long.parseLong(namespace.substring(colon + 1))));
	}

	@EventListener
	void on(InboxChanged changed) {
		names.changed();
	}

	private Map<Long, String> load() {
		Map<Long, String> all = new HashMap<>();
		inboxes.findAll().forEach(i -> all.put(i.id(), i.name()));
		inboxes.findDeleted().forEach(i -> all.put(i.id(), i.name()));
		return all;
	}

}
