package org.parlons.conversations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.parlons.agents.InboxScope;
import org.parlons.platform.Json;
import org.parlons.platform.LiveBus;
import org.parlons.platform.SecretBox;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The inboxes, cached in memory because every inbound message reads its inbox. Channel
 * credentials are stored encrypted ({@link SecretBox}) and read back in clear.
 */
@Repository
public class Inboxes {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Map<Long, Inbox> cache = new ConcurrentHashMap<>();

	private final SecretBox secrets;

	private final ApplicationEventPublisher events;

	/** What the live bus says when every node must read the inboxes again. */
	private static final String FORGET = "inboxes";

	private final LiveBus bus;

	Inboxes(JdbcClient jdbc, Clock clock, SecretBox secrets, ApplicationEventPublisher events, LiveBus bus) {
		this.bus = bus;
		bus.onForget(FORGET, cache::clear);
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
		this.secrets = secrets;
	}

	public Inbox create(String name, String channel, Map<String, Object> settings, boolean autoAssign) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into inbox (name, channel, settings, auto_assign, created_at) values (?, ?, ?, ?, ?)")
			.params(name, channel, Json.write(secrets.seal(settings)), autoAssign, Timestamp.from(clock.instant()))
			.update(keys, "id");
		Inbox inbox = findById(keys.getKey().longValue()).orElseThrow();
		events.publishEvent(new InboxChanged(inbox.id(), "created", List.copyOf(settings.keySet())));
		return inbox;
	}

	public void update(long id, String name, Map<String, Object> settings, boolean autoAssign) {
		Inbox before = findById(id).orElse(null);
		jdbc.sql("update inbox set name = ?, settings = ?, auto_assign = ? where id = ?")
			.params(name, Json.write(secrets.seal(settings)), autoAssign, id)
			.update();
		forget(id);
		List<String> changed = new ArrayList<>();
		if (before == null || !before.name().equals(name)) {
			changed.add("name");
		}
		if (before == null || before.autoAssign() != autoAssign) {
			changed.add("autoAssign");
		}
		Set<String> keys = new TreeSet<>(settings.keySet());
		if (before != null) {
			keys.addAll(before.settings().keySet());
		}
		for (String key : keys) {
			if (before == null
					|| !Objects.equals(String.valueOf(before.settings().get(key)), String.valueOf(settings.get(key)))) {
				changed.add(key);
			}
		}
		events.publishEvent(new InboxChanged(id, "updated", changed));
	}

	/**
	 * Encrypts the secrets of inboxes saved before credentials were encrypted at rest,
	 * once, when the application starts; inboxes already sealed are left as they are.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void sealSecretsStoredInClear() {
		jdbc.sql("select id, settings from inbox where deleted_at is null")
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
			.list()
			.forEach(row -> {
				Map<String, Object> stored = Json.readMap(row.getValue());
				if (secrets.needsSealing(stored)) {
					jdbc.sql("update inbox set settings = ? where id = ?")
						.params(Json.write(secrets.seal(stored)), row.getKey())
						.update();
					forget(row.getKey());
				}
			});
	}

	/**
	 * Deletes the inbox: its secrets are wiped and it leaves every list, so pollers,
	 * webhooks and the outbox stop using it; its conversations stay, and
	 * {@link #findById} still finds it to name them. Answers whether it was live.
	 */
	/** Forgets the inbox here at once, and on every node once the change commits. */
	private void forget(long id) {
		cache.remove(id);
		bus.forgetEverywhere(FORGET);
	}

	public boolean delete(long id) {
		int changed = jdbc.sql("update inbox set deleted_at = ?, settings = '{}' where id = ? and deleted_at is null")
			.params(Timestamp.from(clock.instant()), id)
			.update();
		forget(id);
		if (changed > 0) {
			events.publishEvent(new InboxChanged(id, "deleted", List.of()));
		}
		return changed > 0;
	}

	/** The inbox if it exists and was not deleted: where messages may still come in. */
	public Optional<Inbox> findLive(long id) {
		return findById(id).filter(inbox -> !inbox.deleted());
	}

	/** The inbox, deleted or not: conversations name it for as long as they are kept. */
	public Optional<Inbox> findById(long id) {
		Inbox cached = cache.get(id);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<Inbox> found = jdbc
			.sql("select id, name, channel, settings, auto_assign, created_at, deleted_at from inbox where id = ?")
			.param(id)
			.query(this::map)
			.optional();
		found.ifPresent(inbox -> cache.put(id, inbox));
		return found;
	}

	/** The inboxes in use, by name; deleted ones are left out. */
	public List<Inbox> findAll() {
		return jdbc
			.sql("select id, name, channel, settings, auto_assign, created_at, deleted_at from inbox"
					+ " where deleted_at is null order by name")
			.query(this::map)
			.list();
	}

	/** The deleted inboxes, whose conversations are still kept under their names. */
	public List<Inbox> findDeleted() {
		return jdbc
			.sql("select id, name, channel, settings, auto_assign, created_at, deleted_at from inbox"
					+ " where deleted_at is not null order by name")
			.query(this::map)
			.list();
	}

	public List<Inbox> visible(InboxScope scope) {
		return findAll().stream().filter(i -> scope.includes(i.id())).toList();
	}

	private Inbox map(ResultSet rs, int n) throws SQLException {
		return new Inbox(rs.getLong(1), rs.getString(2), rs.getString(3), secrets.open(Json.readMap(rs.getString(4))),
				rs.getBoolean(5), rs.getTimestamp(6).toInstant(),
				rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant());
	}

}
