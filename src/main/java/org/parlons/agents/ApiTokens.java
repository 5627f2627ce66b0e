package org.parlons.agents;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Crypto;
import org.parlons.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: shown once, stored as a SHA-256 digest, checked without a slow password hash.
 */
@Service
public class ApiTokens {

	static final String PREFIX = "prl_";

	private final JdbcClient jdbc;

	private final Agents agents;

	private final Clock clock;

	ApiTokens(JdbcClient jdbc, Agents agents, Clock clock) {
		this.jdbc = jdbc;
		this.agents = agents;
		this.clock = clock;
	}

	/** A freshly issued token; {@code token} is the only copy of the secret. */
	public record Issued(long id, String name, String token) {
	}

	/** A token as listed to its owner, without its secret. */
	public record Listed(long id, String name, Instant createdAt, @Nullable Instant lastUsedAt) {
	}

	@Transactional
	public Issued issue(long agentId, String name) {
		String token = PREFIX + Crypto.randomToken(32);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into api_token (agent_id, name, token_hash, created_at) values (?, ?, ?, ?)")
			.params(agentId, name, digest(token), Timestamp.from(clock.instant()))
			.update(keys, "id");
		return new Issued(keys.getKey().longValue(), name, token);
	}

	public Optional<Agent> authenticate(String token) {
		if (!token.startsWith(PREFIX)) {
			return Optional.empty();
		}
		return jdbc.sql("select agent_id from api_token where token_hash = ? and revoked_at is null")
			.param(digest(token))
			.query(Long.class)
			.optional()
			.flatMap(agents::findById)
			.filter(Agent::active);
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
		int changed = jdbc.sql("update api_token set revoked_at = ? where id = ? and agent_id = ? and revoked_at is null")
			.params(Timestamp.from(clock.instant()), tokenId, agentId)
			.update();
		if (changed == 0) {
			throw new NotFoundException("No token " + tokenId + " of yours");
		}
	}

	static String digest(String token) {
		return Crypto.sha256Hex(token);
	}

}
