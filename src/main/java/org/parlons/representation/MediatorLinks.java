package org.parlons.representation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.parlons.platform.PublicAddress;
import org.parlons.platform.Refusals;
import org.parlons.platform.SecretBox;
import org.springframework.stereotype.Service;

/**
 * The link an external mediator reads a case through, without an account: signed with the
 * server's key for one mediation and one mediator, good while that mediator has the case
 * and has not proposed yet (then it shows the proposal, read-only).
 */
@Service
public class MediatorLinks {

	private final Mediations mediations;

	private final SecretBox secrets;

	private final PublicAddress address;

	MediatorLinks(Mediations mediations, SecretBox secrets, PublicAddress address) {
		this.mediations = mediations;
		this.secrets = secrets;
		this.address = address;
	}

	/** The link for the mediator who has the case; refused before one has it. */
	public String linkOf(long mediationId) {
		Mediations.Mediation m = mediations.get(mediationId);
		if (m.mediatorId() == null) {
			throw Refusals.conflict("representation.mediation.noMediator", "No mediator has this case yet");
		}
		return address.base() + "/portal/mediator/" + token(m.id(), m.mediatorId());
	}

	/** The case a token opens, while its mediator still has it. */
	public Optional<Mediations.Mediation> caseOf(String token) {
		String[] parts = token.split("\\.");
		if (parts.length != 3 || !parts[0].matches("[0-9]{1,18}") || !parts[1].matches("[0-9]{1,18}")) {
			return Optional.empty();
		}
		long id = Long.parseLong(parts[0]);
		long mediator = Long.parseLong(parts[1]);
		if (!MessageDigest.isEqual(token(id, mediator).getBytes(StandardCharsets.US_ASCII),
				token.getBytes(StandardCharsets.US_ASCII))) {
			return Optional.empty();
		}
		try {
			return Optional.of(mediations.get(id)).filter(m -> Long.valueOf(mediator).equals(m.mediatorId()));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	private String token(long id, long mediatorId) {
		return id + "." + mediatorId + "." + secrets.tag("mediation:" + id + ":" + mediatorId, 32);
	}

}
