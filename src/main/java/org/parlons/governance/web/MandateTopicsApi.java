package org.parlons.governance.web;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.agents.AgentPrincipal;
import org.parlons.governance.MandateTopics;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The topics a mandate may withhold in public and the words that reveal them: everyone
 * may read them (an agent should know why a reply waits), administrators write them.
 * {@code PUT {"phrases": [...]}}.
 */
@RestController
@RequestMapping("/api/v1/mandate-topics")
class MandateTopicsApi {

	private final MandateTopics topics;

	MandateTopicsApi(MandateTopics topics) {
		this.topics = topics;
	}

	/**
	 * The phrases of a mandate topic.
	 *
	 * @param phrases up to 500 words or phrases that make a reply speak of it
	 */
	record Words(@NotNull @Size(max = 500) List<String> phrases) {
	}

	/** Topics a mandate may withhold in public, with their words. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping
	Map<String, List<MandateTopics.Topic>> list() {
		return Map.of("items", topics.all());
	}

	/** Creates or replaces a topic's words. */
	@Requires(Permission.MANAGE_RULES)
	@PutMapping("/{name}")
	MandateTopics.Topic save(@AuthenticationPrincipal AgentPrincipal me, @PathVariable String name,
			@Valid @RequestBody Words body) {
		try {
			return topics.save(me.id(), name, body.phrases());
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/** Removes a topic. */
	@Requires(Permission.MANAGE_RULES)
	@DeleteMapping("/{name}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal AgentPrincipal me, @PathVariable String name) {
		if (!topics.delete(me.id(), name)) {
			throw new NotFoundException("No mandate topic " + name);
		}
	}

}
