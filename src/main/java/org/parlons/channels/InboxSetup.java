package org.parlons.channels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.InboxSettingsRule;
import org.parlons.conversations.Inboxes;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Creates and changes inboxes, letting the channel's connector check its settings first.
 */
@Service
public class InboxSetup {

	private static final String MASK = "••••••";

	private final Inboxes inboxes;

	private final ChannelConnectors connectors;

	private final List<InboxSettingsRule> rules;

	InboxSetup(Inboxes inboxes, ChannelConnectors connectors, List<InboxSettingsRule> rules) {
		this.rules = rules;
		this.inboxes = inboxes;
		this.connectors = connectors;
	}

	@Transactional
	public Inbox create(String name, String channel, Map<String, Object> settings, boolean autoAssign) {
		ChannelConnector connector = connector(channel);
		Inbox inbox = inboxes.create(name.strip(), channel, prepare(connector, settings), autoAssign);
		afterCommit(connector, inbox);
		return inbox;
	}

	@Transactional
	public Inbox update(long id, String name, Map<String, Object> changes, boolean autoAssign) {
		Inbox inbox = inboxes.findLive(id).orElseThrow(() -> new NotFoundException("No inbox " + id));
		Map<String, Object> settings = merged(inbox.settings(), changes);
		inboxes.update(id, name.strip(), prepare(connector(inbox.channel()), settings), autoAssign);
		Inbox saved = inboxes.findById(id).orElseThrow();
		afterCommit(connector(inbox.channel()), saved);
		return saved;
	}

	/**
	 * Deletes a live inbox: it stops taking in and sending, its secrets are wiped, its
	 * conversations stay readable; the channel is told once the deletion is committed.
	 * @param confirmation the inbox's name, typed by the person deleting it
	 */
	@Transactional
	public void delete(long id, String confirmation) {
		Inbox inbox = inboxes.findLive(id).orElseThrow(() -> new NotFoundException("No inbox " + id));
		if (!inbox.name().equals(confirmation.strip())) {
			throw InvalidRequestException.said("inbox.deleteMismatch",
					"confirm: type the inbox's name, " + inbox.name() + ", to delete it", inbox.name());
		}
		inboxes.delete(id);
		ChannelConnector connector = connectors.of(inbox.channel()).orElse(null);
		if (connector != null) {
			afterCommit(() -> connector.removed(inbox));
		}
	}

	/**
	 * Webhook registration and the like talk to the network: only once the inbox really
	 * exists.
	 */
	private static void afterCommit(ChannelConnector connector, Inbox inbox) {
		afterCommit(() -> connector.configured(inbox));
	}

	private static void afterCommit(Runnable work) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				work.run();
			}
		});
	}

	/** Every secret setting of the inbox's channel, by path ("smtp.password"). */
	public List<String> secretPaths(Inbox inbox) {
		return connectors.of(inbox.channel()).map(c -> List.copyOf(c.secretSettings())).orElse(List.of());
	}

	/** The secrets of the inbox that can be replaced one by one, by name. */
	public List<String> secretNames(Inbox inbox) {
		return connectors.of(inbox.channel())
			.map(c -> c.secretSettings().stream().filter(n -> !n.contains(".")).sorted().toList())
			.orElse(List.of());
	}

	/**
	 * Replaces one top-level secret of the inbox and answers its new value, the only time
	 * it is shown: given, or, for one Parlons makes (a webhook's signing secret, a
	 * verification token), made anew. A secret the network issued (an access token) must
	 * be given.
	 */
	@Transactional
	public String rotate(long id, String name, @Nullable String value) {
		Inbox inbox = inboxes.findLive(id).orElseThrow(() -> new NotFoundException("No inbox " + id));
		ChannelConnector connector = connector(inbox.channel());
		if (!connector.secretSettings().contains(name)) {
			String secrets = String
				.valueOf(connector.secretSettings().stream().filter(n -> !n.contains(".")).sorted().toList());
			throw InvalidRequestException.said("inbox.refused.notSecret",
					"name: " + name + " is not a secret of a " + inbox.channel() + " inbox; its secrets are " + secrets,
					name, inbox.channel(), secrets);
		}
		Object before = inbox.settings().get(name);
		Map<String, Object> changes = new LinkedHashMap<>();
		changes.put(name, value == null ? "" : value);
		Inbox saved = update(id, inbox.name(), changes, inbox.autoAssign());
		Object after = saved.settings().get(name);
		if (after == null || after.toString().isBlank() || after.equals(before) && value == null) {
			throw InvalidRequestException.said("inbox.refused.issued",
					"value: " + name + " is issued by the network; give its new value", name);
		}
		return after.toString();
	}

	/**
	 * The inbox's settings as a person may see them: secrets masked unless
	 * {@code reveal}. A nested secret ({@code "imap.password"}) is a credential someone
	 * typed in, never shown back even to administrators; a top-level one may be generated
	 * by Parlons and is revealed to them.
	 */
	public Map<String, Object> shownSettings(Inbox inbox, boolean reveal) {
		Map<String, Object> shown = new LinkedHashMap<>(inbox.settings());
		connectors.of(inbox.channel()).ifPresent(c -> c.secretSettings().forEach(path -> {
			int dot = path.indexOf('.');
			if (dot < 0) {
				if (!reveal) {
					shown.computeIfPresent(path, (key, v) -> MASK);
				}
			}
			else if (shown.get(path.substring(0, dot)) instanceof Map<?, ?> nested) {
				Map<String, Object> copy = new LinkedHashMap<>();
				nested.forEach((k, v) -> copy.put(String.valueOf(k), v));
				copy.computeIfPresent(path.substring(dot + 1), (key, v) -> v.toString().isEmpty() ? "" : MASK);
				shown.put(path.substring(0, dot), copy);
			}
		}));
		return shown;
	}

	/**
	 * Changes laid over the current settings: nested groups ({@code imap}) merge key by
	 * key, and a masked value sent back as it was shown keeps the stored secret.
	 */
	private static Map<String, Object> merged(Map<String, Object> current, Map<String, Object> changes) {
		Map<String, Object> result = new LinkedHashMap<>(current);
		changes.forEach((key, value) -> {
			if (MASK.equals(value)) {
				return;
			}
			if (value instanceof Map<?, ?> nested && current.get(key) instanceof Map<?, ?> old) {
				Map<String, Object> inner = new LinkedHashMap<>();
				old.forEach((k, v) -> inner.put(String.valueOf(k), v));
				nested.forEach((k, v) -> {
					if (!MASK.equals(v)) {
						inner.put(String.valueOf(k), v);
					}
				});
				result.put(key, inner);
			}
			else {
				result.put(key, value);
			}
		});
		return result;
	}

	private ChannelConnector connector(String channel) {
		return connectors.of(channel)
			.orElseThrow(() -> InvalidRequestException.said(
					"inbox.refused.channel", "The channel '" + channel
							+ "' is not available in this installation; available: " + connectors.channels(),
					channel, String.valueOf(connectors.channels())));
	}

	/**
	 * The connector's own settings, checked, and the settings other modules own (service
	 * levels…), checked too.
	 */
	private Map<String, Object> prepare(ChannelConnector connector, Map<String, Object> settings) {
		try {
			Map<String, Object> prepared = new LinkedHashMap<>(connector.prepare(settings));
			for (InboxSettingsRule rule : rules) {
				rule.check(settings);
				rule.keys().forEach(key -> {
					if (settings.containsKey(key)) {
						prepared.put(key, settings.get(key));
					}
				});
			}
			return prepared;
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.from(ex);
		}
	}

}
