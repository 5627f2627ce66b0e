package org.parlons.listening.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.InboxAccess;
import org.parlons.agents.InboxScope;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.listening.Searches;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Keyword and hashtag searches on the networks ({@code /api/v1/listening/searches}): each
 * runs with one inbox's account, and what it finds becomes mentions of that inbox.
 */
@RestController
class SearchesApi {

	private final Searches searches;

	private final InboxAccess access;

	SearchesApi(Searches searches, InboxAccess access) {
		this.access = access;
		this.searches = searches;
	}

	/**
	 * A search on a network, read for mentions.
	 *
	 * @param inboxId the network account (an X, Mastodon or Bluesky inbox) it reads with
	 * @param query what to search, in the network's own syntax
	 */
	record NewSearch(@NotNull Long inboxId, @NotBlank String query) {
	}

	/** Network searches (X, Bluesky, Mastodon) read every few minutes. */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/listening/searches")
	Map<String, Object> all(@AuthenticationPrincipal AgentPrincipal me) {
		InboxScope scope = access.scopeOf(me);
		return Map.of("items", searches.all().stream().filter(q -> scope.includes(q.inboxId())).toList(), "networks",
				searches.networks());
	}

	/** Adds a network search. */
	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/api/v1/listening/searches")
	@ResponseStatus(HttpStatus.CREATED)
	Searches.Search add(@Valid @RequestBody NewSearch body) {
		try {
			return searches.find(searches.add(body.inboxId(), body.query())).orElseThrow();
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/** Reads a search now instead of at its next turn; answers what it stored. */
	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/api/v1/listening/searches/{id}/read")
	Map<String, Object> read(@PathVariable long id) {
		Searches.Reading reading = searches.read(found(id));
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("stored", reading.stored());
		out.put("updated", reading.updated());
		out.put("more", reading.more());
		out.put("error", reading.error());
		out.put("search", found(id));
		return out;
	}

	/** Removes a network search. */
	@Requires(Permission.MANAGE_LISTENING)
	@DeleteMapping("/api/v1/listening/searches/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(@PathVariable long id) {
		if (!searches.remove(id)) {
			throw new NotFoundException("No search " + id);
		}
	}

	private Searches.Search found(long id) {
		return searches.find(id).orElseThrow(() -> new NotFoundException("No search " + id));
	}

}
