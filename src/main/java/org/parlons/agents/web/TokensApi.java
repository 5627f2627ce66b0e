package org.parlons.agents.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.ApiTokens;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own API tokens.
 */
@RestController
@RequestMapping("/api/v1/tokens")
class TokensApi {

	private final ApiTokens tokens;

	TokensApi(ApiTokens tokens) {
		this.tokens = tokens;
	}

	/**
	 * A token to issue.
	 *
	 * @param name what it is for, e.g. "CRM sync"
	 */
	record NewToken(@NotBlank @Size(max = 200) String name) {
	}

	/**
	 * Issues a personal API token for the caller, shown once in the answer; use it as
	 * {@code Authorization: Bearer <token>}.
	 */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	ApiTokens.Issued issue(@AuthenticationPrincipal AgentPrincipal me, @Valid @RequestBody NewToken body) {
		return tokens.issue(me.id(), body.name().trim());
	}

	/** The caller's tokens: name, creation and last use, never the token itself. */
	@GetMapping
	List<ApiTokens.Listed> list(@AuthenticationPrincipal AgentPrincipal me) {
		return tokens.of(me.id());
	}

	/**
	 * Revokes one of the caller's tokens; its next request answers 401 and its live
	 * streams close.
	 */
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		tokens.revoke(me.id(), id);
	}

}
