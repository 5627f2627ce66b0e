package org.parlons.knowledge.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.knowledge.Answers;
import org.parlons.platform.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The answers customers search in their space, as the team keeps them: every agent reads
 * them (to point a customer to one); those who may write answers write, publish and
 * withdraw them, and turn a resolved conversation into a draft.
 */
@RestController
@RequestMapping("/api/v1")
class AnswersApi {

	private final Answers answers;

	AnswersApi(Answers answers) {
		this.answers = answers;
	}

	/**
	 * A list.
	 *
	 * @param items its elements, in order
	 */
	record Items<T>(List<T> items) {
	}

	/**
	 * Whether an answer is to be published.
	 *
	 * @param published true: customers can read it; false: back to a draft
	 */
	record Publication(boolean published) {
	}

	/**
	 * Which language a draft from a conversation is written in.
	 *
	 * @param language "fr" or "en"
	 */
	record FromConversation(@Nullable String language) {
	}

	/**
	 * Every answer, drafts included, the latest changed first; with {@code q}, the
	 * published answers of {@code language} that match, best first (what customers find).
	 */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/answers")
	Items<Answers.Answer> list(@RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "fr") String language) {
		return new Items<>(q == null ? answers.all() : answers.search(q, language, 50));
	}

	/** One answer, draft or published. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/answers/{id}")
	Answers.Answer one(@PathVariable long id) {
		return answers.find(id).orElseThrow(() -> new org.parlons.platform.NotFoundException("No answer " + id));
	}

	/** Writes a draft: customers read nothing until it is published. */
	@Requires(Permission.WRITE_ANSWERS)
	@PostMapping("/answers")
	@ResponseStatus(HttpStatus.CREATED)
	Answers.Answer write(@AuthenticationPrincipal AgentPrincipal me, @RequestBody Answers.Draft body) {
		return answers.write(me, body);
	}

	/** Rewrites an answer; a published one stays published. */
	@Requires(Permission.WRITE_ANSWERS)
	@PutMapping("/answers/{id}")
	Answers.Answer update(@PathVariable long id, @RequestBody Answers.Draft body) {
		return answers.update(id, body);
	}

	/** Publishes an answer, or withdraws it to a draft. */
	@Requires(Permission.WRITE_ANSWERS)
	@PostMapping("/answers/{id}/publication")
	Answers.Answer publish(@PathVariable long id, @RequestBody Publication body) {
		return answers.publish(id, body.published());
	}

	/** Deletes an answer. */
	@Requires(Permission.WRITE_ANSWERS)
	@DeleteMapping("/answers/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		answers.delete(id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A draft from a resolved conversation: its subject as the question, the last reply
	 * that reached the customer as the answer, to rewrite before publishing; 409 when the
	 * conversation is not resolved or was never answered.
	 */
	@Requires(Permission.WRITE_ANSWERS)
	@PostMapping("/conversations/{id}/answer")
	@ResponseStatus(HttpStatus.CREATED)
	Answers.Answer fromConversation(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody(required = false) @Nullable FromConversation body) {
		try {
			return answers.draftFrom(me, id, body == null || body.language() == null ? "fr" : body.language());
		}
		catch (IllegalStateException ex) {
			throw InvalidRequestException.from(ex);
		}
	}

}
