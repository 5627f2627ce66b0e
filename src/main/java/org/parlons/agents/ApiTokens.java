package org.parlons.agents;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Crypto;
import org.parlons.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.parlons.platform.LiveBus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Personal API tokens: shown once, stored as a SHA-256 digest, checked without a slow
 * password hash, and without a database round trip for a token seen since the last
 * change.
 */
@Service
public class ApiTokens {

	static final String PREFIX = "prl_";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Agents agents;

	private final Clock clock;

	/** What the live bus says when every node must forget the tokens it knows. */
	private static final String FORGET = "api-tokens";

	private final RecentTokens recent = new RecentTokens();

	private final LiveBus bus;

	ApiTokens(JdbcClient jdbc, Agents agents, Clock clock, ApplicationEventPublisher events, LiveBus bus) {
		this.bus = bus;
		bus.onForget(FORGET, recent::forgetAll);
		this.events = events;
		this.jdbc = jdbc;
		this.agents = agents;
		this.clock = clock;
	}

	/**
	 * A freshly issued token; {@code token} is the only copy of the secret.
	 *
	 * @param id its number
	 * @param name what it is for
	 * @param token the secret, shown once: send it as "Authorization: Bearer …"
	 */
	public record Issued(long id, String name, String token) {
	}

	/**
	 * A token as listed to its owner, without its secret.
	 *
	 * @param id its number
	 * @param name what it is for
	 * @param createdAt when it was issued
	 * @param lastUsedAt when it was last used
	 */
	public record Listed(long id, String name, Instant createdAt, @Nullable Instant lastUsedAt) {
	}

	@Transactional
	public Issued issue(long agentId, String name) {
		String token = PREFIX + Crypto.randomToken(32);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into api_token (agent_id, name, token_hash, created_at) values (?, ?, ?, ?)")
			.params(agentId, name, digest(token), Timestamp.from(clock.instant()))
			.update(keys, "id");
		long id = keys.getKey().longValue();
		events.publishEvent(new TokenIssued(agentId, id, name));
		return new Issued(id, name, token);
	}

	/**
	 * The active agent the token belongs to, from memory when the token was seen since
	 * the last change.
	 */
	public Optional<Agent> authenticate(String token) {
		if (!token.startsWith(PREFIX)) {
			return Optional.empty();
		}
		return recent.get(digest(token), this::lookUp);
	}

	private Optional<Agent> lookUp(String digest) {
		return jdbc.sql("select agent_id from api_token where token_hash = ? and revoked_at is null")
			.param(digest)
			.query(Long.class)
			.optional()
			.flatMap(agents::findById)
			.filter(Agent::active);
	}

	/**
	 * Offboarding: a deactivated agent's tokens are revoked in the same transaction, so
	 * reactivating them does not bring the old tokens back.
	 */
	@EventListener
	void revokeAllOf(AgentChanged changed) {
		if ("active".equals(changed.what()) && changed.detail().endsWith("false")) {
			jdbc.sql("update api_token set revoked_at = ? where agent_id = ? and revoked_at is null")
				.params(Timestamp.from(clock.instant()), changed.agentId())
				.update();
		}
	}

	/**
	 * A role, a mandate, an activation changed: tokens answer for the agent as they now
	 * are.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void on(AgentChanged changed) {
		bus.forgetEverywhere(FORGET);
	}

	public List<Listed> of(long agentId) {
		return jdbc
			.sql("select id, name, created_at, last_used_at from api_token where agent_id = ? and revoked_at is null "
					+ "order by created_at desc")
			.param(agentId)
			.query((rs, n) -> new Listed(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
			.list();
	}

	@Transactional
	public void revoke(long agentId, long tokenId) {
		int changed = jdbc
			.sql("update api_token set revoked_at = ? where id = ? and agent_id = ? and revoked_at is null")
			.params(Timestamp.from(clock.instant()), tokenId, agentId)
			.update();
		if (changed == 0) {
			throw new NotFoundException("No token " + tokenId + " of yours");
		}
		bus.forgetEverywhere(FORGET); // on every node, once committed
		events.publishEvent(new TokenRevoked(agentId, tokenId));
	}

	static String digest(String token) {
		return Crypto.sha256Hex(token);
	}

}
