package org.parlons.channels.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Teams;
import org.parlons.channels.ChannelHealth;
import org.parlons.channels.InboxSetup;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inboxes over the API. The channel's own settings sit beside name and channel in the
 * body, as the contract shows them ({@code "webhookUrl"} for the API channel,
 * {@code "imap"}… for email).
 */
@RestController
@RequestMapping("/api/v1/inboxes")
class InboxesApi {

	private final InboxSetup setup;

	private final Inboxes inboxes;

	private final ConversationAccess access;

	private final Teams teams;

	private final ChannelHealth health;

	InboxesApi(InboxSetup setup, Inboxes inboxes, ConversationAccess access, Teams teams, ChannelHealth health) {
		this.health = health;
		this.setup = setup;
		this.inboxes = inboxes;
		this.access = access;
		this.teams = teams;
	}

	static final class InboxBody {

		/** The inbox's name. */
		@NotBlank
		@Size(max = 200)
		public @Nullable String name;

		/**
		 * "api", "email", "widget", "telegram", "facebook", "instagram", "whatsapp",
		 * "twilio", "x", "mastodon" or "bluesky"; the channel's settings sit beside it.
		 */
		public @Nullable String channel;

		/** Whether new conversations are assigned automatically. */
		public @Nullable Boolean autoAssign;

		/** The teams that own it: their members see it. */
		public @Nullable Set<Long> teamIds;

		final Map<String, Object> settings = new LinkedHashMap<>();

		@JsonAnySetter
		void setting(String key, Object value) {
			settings.put(key, value);
		}

	}

	/**
	 * An inbox, its secrets masked ("••••••") for anyone but administrators.
	 *
	 * @param id the inbox's number
	 * @param name its name
	 * @param channel "api", "email", "widget", "telegram", "facebook", "instagram",
	 * "whatsapp", "twilio", "x", "mastodon" or "bluesky"
	 * @param autoAssign whether new conversations are assigned automatically
	 * @param settings the channel's settings
	 * @param teamIds the teams that own it (their members see it)
	 * @param createdAt when it was created
	 * @param health the connector's state
	 */
	record InboxView(long id, String name, String channel, boolean autoAssign, Map<String, Object> settings,
			List<Long> teamIds, Instant createdAt, HealthView health) {
	}

	/**
	 * The connector's state: connected, failing (with the last error) or disabled;
	 * unknown before first use.
	 *
	 * @param state "connected", "failing", "disabled" or "unknown"
	 * @param lastError the last error, as the server or network said it
	 * @param lastErrorAt when it happened
	 * @param lastSuccessAt the last time the connector worked
	 * @param failures failures in a row
	 * @param nextAttemptAt when it tries again
	 */
	record HealthView(String state, @Nullable String lastError, @Nullable Instant lastErrorAt,
			@Nullable Instant lastSuccessAt, int failures, @Nullable Instant nextAttemptAt) {

		static HealthView of(ChannelHealth.Status s) {
			return new HealthView(s.state().api(), s.lastError(), s.lastErrorAt(), s.lastSuccessAt(), s.failures(),
					s.nextAttemptAt());
		}

	}

	/**
	 * Creates an inbox of a channel (api, email, web chat, a social network) with its
	 * settings; secrets are stored encrypted, shown in this answer only and masked
	 * afterwards.
	 */
	@Requires(Permission.MANAGE_INBOXES)
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	InboxView create(@jakarta.validation.Valid @RequestBody InboxBody body) {
		if (body.channel == null || body.channel.isBlank()) {
			throw new IllegalArgumentException("channel is required (for example \"api\")");
		}
		Inbox inbox = setup.create(body.name, body.channel.strip(), body.settings,
				body.autoAssign == null || body.autoAssign);
		if (body.teamIds != null) {
			for (Long teamId : body.teamIds) {
				var team = teams.findById(teamId).orElseThrow(() -> new IllegalArgumentException("No team " + teamId));
				Set<Long> owned = new java.util.LinkedHashSet<>(team.inboxIds());
				owned.add(inbox.id());
				teams.replaceInboxes(teamId, owned);
			}
		}
		return view(inbox, true);
	}

	/**
	 * Changes an inbox's name, auto-assignment or settings; settings not named are kept.
	 */
	@Requires(Permission.MANAGE_INBOXES)
	@PatchMapping("/{id}")
	InboxView update(@PathVariable long id, @RequestBody InboxBody body) {
		Inbox current = inboxes.findLive(id)
			.orElseThrow(() -> new org.parlons.platform.NotFoundException("No inbox " + id));
		Inbox inbox = setup.update(id, body.name == null ? current.name() : body.name, body.settings,
				body.autoAssign == null ? current.autoAssign() : body.autoAssign);
		return view(inbox, false);
	}

	/**
	 * Deletes an inbox: it takes in and sends nothing more (its webhooks answer 404, its
	 * mailbox is no longer read), its secrets are wiped, and its conversations stay
	 * readable in the inbox list. {@code confirm} must repeat the inbox's name.
	 */
	@Requires(Permission.MANAGE_INBOXES)
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id, @RequestParam String confirm) {
		setup.delete(id, confirm);
	}

	/**
	 * A secret replaced.
	 *
	 * @param value the new value; one is generated (and shown once) when left out
	 */
	record NewSecret(@Nullable String value) {
	}

	/**
	 * Replaces a secret of the inbox ({@code webhookSecret}, {@code accessToken}…): one
	 * Parlons makes is made anew when no {@code value} is given; the answer shows the new
	 * value, once.
	 */
	@Requires(Permission.MANAGE_INBOXES)
	@PostMapping("/{id}/secrets/{name}")
	Map<String, Object> rotate(@PathVariable long id, @PathVariable String name,
			@RequestBody(required = false) @Nullable NewSecret body) {
		String value = setup.rotate(id, name, body == null ? null : body.value());
		return Map.of("name", name, "value", value);
	}

	/** The inboxes the caller may see, secrets masked. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping
	List<InboxView> list(@AuthenticationPrincipal AgentPrincipal me) {
		return inboxes.visible(access.scope(me)).stream().map(i -> view(i, false)).toList();
	}

	/** One inbox the caller may see, secrets masked. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/{id}")
	InboxView one(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		return view(access.inbox(me, id), false);
	}

	/**
	 * The inbox as shown: its secrets masked, except once, in the answer that created
	 * them.
	 */
	private InboxView view(Inbox inbox, boolean reveal) {
		List<Long> owners = teams.owningTeams(inbox.id());
		return new InboxView(inbox.id(), inbox.name(), inbox.channel(), inbox.autoAssign(),
				setup.shownSettings(inbox, reveal), owners, inbox.createdAt(), HealthView.of(health.of(inbox.id())));
	}

}
